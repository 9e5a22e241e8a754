package dev.listings.cleaner.streams;

import dev.listings.schemas.ProvenanceHeaders;
import org.apache.kafka.common.header.Headers;

/**
 * Headers of a re-driven line: a rejected line sent back to the raw topic, with its original provenance headers, to be
 * judged again by the current rules. Its outcome is counted apart from the first judgment of the object's lines (see
 * {@link LedgerTracker}), so an object's balance (lines = curated + rejected + duplicates) never changes through a
 * re-drive.
 */
public final class Redrive {
  /** The identity of the reject the line is re-driven from: {@code s3://bucket/key@etag#line}. */
  public static final String OF = ProvenanceHeaders.REDRIVE_OF;
  /** The re-drive run that sent the line (one id per {@code ./pipeline rejects redrive} run). */
  public static final String ID = "redrive.id";
  /** {@code true} when a person corrected the line's text before it was re-driven. */
  public static final String CORRECTED = "redrive.corrected";
  /** The run id used when a line carries {@value #OF} without {@value #ID} (re-driven by other means). */
  public static final String UNNAMED_RUN = "-";

  private Redrive() {}

  /** The re-drive run of a line, or null when the line is not a re-drive (no {@value #OF} header). */
  public static String runOf(Headers headers) {
    if (headers == null || Provenance.text(headers, OF) == null) {
      return null;
    }
    String id = Provenance.text(headers, ID);
    return id == null || id.isBlank() ? UNNAMED_RUN : id;
  }

  /** The reject identity of a line, {@code s3://bucket/key@etag#line}, or null when the line is not known. */
  public static String identity(Provenance provenance) {
    return provenance.isKnown() && provenance.line() != null ? provenance.objectRef() + "#" + provenance.line() : null;
  }
}
