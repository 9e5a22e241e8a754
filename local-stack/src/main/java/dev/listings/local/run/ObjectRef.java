package dev.listings.local.run;

/** One version of a source object: an object key is ingested again when its ETag changes. */
public record ObjectRef(String bucket, String key, String etag) {
  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key + " (etag " + etag + ")";
  }
}
