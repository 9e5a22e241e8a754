package dev.listings.alerting.model;

/** One version of a source object: what the audit reports on and what the ledger counts by. */
public record ObjectRef(String bucket, String key, String etag) {

  /** {@code s3://bucket/key}: the object regardless of version. */
  public String location() {
    return "s3://" + orEmpty(bucket) + "/" + orEmpty(key);
  }

  @Override
  public String toString() {
    return location() + "@" + orEmpty(etag);
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
