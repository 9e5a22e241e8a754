package dev.listings.alerting.model;

import java.time.Instant;

/**
 * One reject record as the alerting reads it: when, from which object, and its primary reason.
 *
 * @param bucket source bucket, null when the reject carries no provenance
 * @param key source object key, null when unknown
 */
public record RejectEvent(Instant at, String bucket, String key, String reason) {}
