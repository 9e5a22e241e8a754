package dev.listings.ingest.discovery;

import java.time.Instant;

/**
 * One version of one object to ingest: bucket, key, ETag (without quotes), stored size ({@code -1} when not known
 * yet) and when it appeared (last-modified time or event time), which the lag metric measures from.
 */
public record S3ObjectRef(String bucket, String key, String etag, long size, Instant appearedAt) {
  public S3ObjectRef {
    etag = normalizeEtag(etag);
  }

  /** {@code s3://bucket/key}: the key of the object's audit record and of its lines without a listing id. */
  public String uri() {
    return "s3://" + bucket + "/" + key;
  }

  public ObjectVersion version() {
    return new ObjectVersion(bucket, key, etag);
  }

  public S3ObjectRef withSize(long knownSize) {
    return new S3ObjectRef(bucket, key, etag, knownSize, appearedAt);
  }

  /** S3 lists ETags in quotes and events send them bare; the bare form is the one stored and compared. */
  public static String normalizeEtag(String etag) {
    if (etag == null) {
      return null;
    }
    String bare = etag.trim();
    if (bare.startsWith("W/")) {
      bare = bare.substring(2);
    }
    if (bare.length() >= 2 && bare.startsWith("\"") && bare.endsWith("\"")) {
      bare = bare.substring(1, bare.length() - 1);
    }
    return bare;
  }
}
