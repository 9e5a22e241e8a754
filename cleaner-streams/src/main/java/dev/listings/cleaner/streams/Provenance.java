package dev.listings.cleaner.streams;

import dev.listings.schemas.ProvenanceHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Where a raw line came from, read from the provenance headers the connector sets. Every part may be absent (records
 * produced by hand carry no headers); {@link #objectRef()} then still yields a stable, if anonymous, object.
 *
 * @param line 1-based line number, null when unknown
 * @param ingestedAtMillis ingest time in epoch milliseconds, null when unknown
 */
public record Provenance(
    String bucket, String key, String etag, Long line, String format, Long ingestedAtMillis) {

  public static final Provenance UNKNOWN = new Provenance(null, null, null, null, null, null);

  public static Provenance fromHeaders(Headers headers) {
    if (headers == null) {
      return UNKNOWN;
    }
    return new Provenance(
        text(headers, ProvenanceHeaders.SOURCE_BUCKET),
        text(headers, ProvenanceHeaders.SOURCE_KEY),
        text(headers, ProvenanceHeaders.SOURCE_ETAG),
        number(headers, ProvenanceHeaders.SOURCE_LINE),
        text(headers, ProvenanceHeaders.SOURCE_FORMAT),
        number(headers, ProvenanceHeaders.INGEST_TS));
  }

  /** True when the line's object is known (bucket and key). */
  public boolean isKnown() {
    return bucket != null && key != null;
  }

  /** The source object version, {@code s3://bucket/key@etag}: what the ledger counts by. */
  public String objectRef() {
    return "s3://" + orEmpty(bucket) + "/" + orEmpty(key) + "@" + orEmpty(etag);
  }

  /** The line's address, {@code s3://bucket/key#line}, or null when the object or line is unknown. */
  public String lineRef() {
    return isKnown() && line != null ? "s3://" + bucket + "/" + key + "#" + line : null;
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  static String text(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  static boolean isTrue(Headers headers, String name) {
    return "true".equalsIgnoreCase(text(headers, name));
  }

  private static Long number(Headers headers, String name) {
    String text = text(headers, name);
    if (text == null) {
      return null;
    }
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
