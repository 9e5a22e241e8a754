package dev.listings.ingest.task;

/** The topics a task writes: raw lines and audit events. */
record OutputTopics(String raw, String audit) {}
