package dev.listings.alerting.model;

import java.time.Instant;

/**
 * An error event an app published on {@code pipeline.app-errors.v1}.
 *
 * @param app the app's name, e.g. {@code listings-cleaner}
 * @param kind what happened, e.g. {@code STREAM_THREAD_DIED} or {@code HANDLER_ROUTED_ERROR}
 * @param instance the pod or host, null when not given
 */
public record AppErrorEvent(String app, String kind, String message, Instant at, String instance) {}
