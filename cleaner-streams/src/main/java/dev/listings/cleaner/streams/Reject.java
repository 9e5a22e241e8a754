package dev.listings.cleaner.streams;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a reject record says: the failing reasons (primary first), a message, the listing id when known, the raw
 * text, provenance, when and under which rules it was rejected, and for records routed by an exception handler the
 * error's context.
 *
 * @param reasons reason codes, the primary first
 * @param id listing id when known, else null
 * @param raw the line as text (before any size cap)
 * @param rulesVersion version of the rules that judged the line; null when no rules judged it
 * @param error the exception's context for handler-routed records, else null
 */
public record Reject(
    List<String> reasons,
    String message,
    String id,
    String raw,
    Provenance provenance,
    Instant rejectedAt,
    String rulesVersion,
    ErrorDetails error) {

  public Reject {
    reasons = List.copyOf(reasons);
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("a reject has at least one reason");
    }
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(rejectedAt, "rejectedAt");
  }

  /** The primary reason code. */
  public String reason() {
    return reasons.get(0);
  }

  /**
   * The record key: the listing id when known, else the line's address {@code s3://bucket/key#line}, else the given
   * fallback (the input record's topic, partition and offset).
   */
  public String key(String fallback) {
    if (id != null) {
      return id;
    }
    String lineRef = provenance.lineRef();
    return lineRef != null ? lineRef : fallback;
  }

  /** Where an exception handler met the failing record. */
  public record ErrorDetails(
      String exception, String exceptionMessage, String topic, int partition, long offset, String processor) {}
}
