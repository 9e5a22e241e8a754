package dev.listings.cleaner.streams;

import dev.listings.schemas.ProvenanceHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reads what the judge needs from a raw record's headers in one pass: the provenance (as {@link
 * Provenance#fromHeaders}), the ingest flags and the re-drive run (as {@link Redrive#runOf}). The lines of one object
 * arrive together, so the object's bucket, key, etag and format are decoded once and their strings reused while they
 * repeat: the ledger then counts by the same key instance. One reader per processor (not thread-safe).
 */
final class RawHeaderReader {
  /** What a raw record's headers say about it. */
  record RawHeaders(Provenance provenance, boolean truncated, boolean invalidUtf8, String redriveRun) {}

  private final Reused bucket = new Reused();
  private final Reused key = new Reused();
  private final Reused etag = new Reused();
  private final Reused format = new Reused();

  RawHeaders read(Headers headers) {
    if (headers == null) {
      return new RawHeaders(Provenance.UNKNOWN, false, false, null);
    }
    byte[] bucketBytes = null;
    byte[] keyBytes = null;
    byte[] etagBytes = null;
    byte[] formatBytes = null;
    byte[] lineBytes = null;
    byte[] ingestBytes = null;
    byte[] truncated = null;
    byte[] invalidUtf8 = null;
    byte[] redriveOf = null;
    byte[] redriveId = null;
    // Later headers win, as with Headers.lastHeader.
    for (Header header : headers) {
      byte[] value = header.value();
      switch (header.key()) {
        case ProvenanceHeaders.SOURCE_BUCKET -> bucketBytes = value;
        case ProvenanceHeaders.SOURCE_KEY -> keyBytes = value;
        case ProvenanceHeaders.SOURCE_ETAG -> etagBytes = value;
        case ProvenanceHeaders.SOURCE_FORMAT -> formatBytes = value;
        case ProvenanceHeaders.SOURCE_LINE -> lineBytes = value;
        case ProvenanceHeaders.INGEST_TS -> ingestBytes = value;
        case ProvenanceHeaders.LINE_TRUNCATED -> truncated = value;
        case ProvenanceHeaders.LINE_INVALID_UTF8 -> invalidUtf8 = value;
        case Redrive.OF -> redriveOf = value;
        case Redrive.ID -> redriveId = value;
        default -> { }
      }
    }
    Provenance provenance = new Provenance(bucket.text(bucketBytes), key.text(keyBytes), etag.text(etagBytes),
        number(lineBytes), format.text(formatBytes), number(ingestBytes));
    return new RawHeaders(provenance, isTrue(truncated), isTrue(invalidUtf8), redriveRun(redriveOf, redriveId));
  }

  private static String redriveRun(byte[] of, byte[] id) {
    if (of == null) {
      return null;
    }
    String run = id == null ? null : new String(id, StandardCharsets.UTF_8);
    return run == null || run.isBlank() ? Redrive.UNNAMED_RUN : run;
  }

  private static boolean isTrue(byte[] value) {
    return value != null && "true".equalsIgnoreCase(new String(value, StandardCharsets.UTF_8));
  }

  /** A decimal number, possibly surrounded by spaces, as {@link Provenance#fromHeaders} reads it; else null. */
  static Long number(byte[] value) {
    if (value == null) {
      return null;
    }
    int length = value.length;
    if (length > 0 && length < 19) {
      long n = 0;
      int i = 0;
      for (; i < length; i++) {
        int digit = value[i] - '0';
        if (digit < 0 || digit > 9) {
          break;
        }
        n = n * 10 + digit;
      }
      if (i == length) {
        return n;
      }
    }
    try {
      return Long.parseLong(new String(value, StandardCharsets.UTF_8).strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The last decoded value of one header, kept while the bytes repeat. */
  private static final class Reused {
    private byte[] bytes;
    private String text;

    String text(byte[] value) {
      if (value == null) {
        return null;
      }
      if (!Arrays.equals(value, bytes)) {
        bytes = value.clone();
        text = new String(value, StandardCharsets.UTF_8);
      }
      return text;
    }
  }
}
