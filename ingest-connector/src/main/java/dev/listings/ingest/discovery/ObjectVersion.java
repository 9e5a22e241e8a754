package dev.listings.ingest.discovery;

/** An object's identity plus the version (ETag) ingested: two uploads of one key are two versions. */
public record ObjectVersion(String bucket, String key, String etag) {}
