package dev.listings.alerting.model;

import java.time.Instant;

/**
 * The ingest audit of one object: how many raw records were sent for it and whether reading it succeeded.
 *
 * @param finishedAt when the connector finished the object (the audit's {@code finished_at})
 * @param error the connector's error text for failed objects, else null
 */
public record AuditEvent(ObjectRef object, long lines, long bytes, Instant finishedAt, boolean failed, String error) {}
