package dev.listings.schemas;

/**
 * Header names carried by raw records (and repeated on rejects) that say where a line came from. Values are UTF-8
 * strings.
 */
public final class ProvenanceHeaders {
  public static final String SOURCE_BUCKET = "source.bucket";
  public static final String SOURCE_KEY = "source.key";
  public static final String SOURCE_ETAG = "source.etag";
  /** 1-based line (or CSV row) number within the object; the CSV header row is line 1. */
  public static final String SOURCE_LINE = "source.line";
  /** {@code jsonl} or {@code csv}. */
  public static final String SOURCE_FORMAT = "source.format";
  /** Ingest time, epoch milliseconds, decimal. */
  public static final String INGEST_TS = "ingest.ts";
  /** Present with value {@code true} when the line was longer than the connector's cap and was cut to it. */
  public static final String LINE_TRUNCATED = "ingest.line.truncated";
  /** Present with value {@code true} when the line was not valid UTF-8; the bytes are sent untouched. */
  public static final String LINE_INVALID_UTF8 = "ingest.line.invalid_utf8";
  /** Set by a re-drive: the reject id the line is re-driven from. */
  public static final String REDRIVE_OF = "redrive.of";
  /** Primary reject reason, on reject records. */
  public static final String REJECT_REASON = "reject.reason";

  private ProvenanceHeaders() {}
}
