package dev.listings.alerting.app;

import dev.listings.alerting.notify.RecordingHttpServer;
import dev.listings.infra.EmbeddedKafkaBroker;

/**
 * What the integration test runs the app against: a real broker, an HTTP receiver for the Slack and generic webhooks
 * ({@code /slack}, {@code /hook}) and one answering SNS's Publish API.
 */
public record AlertingStack(EmbeddedKafkaBroker broker, RecordingHttpServer hooks, RecordingHttpServer sns) {}
