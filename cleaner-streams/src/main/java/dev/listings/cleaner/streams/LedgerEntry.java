package dev.listings.cleaner.streams;

import java.util.Map;
import java.util.TreeMap;

/**
 * Cumulative outcome counts of one source object (bucket, key, etag) as seen by one task, with the stream time of the
 * last change (for eviction) and whether the latest counts still have to be published to the ledger topic. An entry
 * with a {@code redriveRun} counts the outcomes of that re-drive run's lines of the object; one without counts the
 * first judgment of the lines the connector read.
 *
 * @param redriveRun the re-drive run id, or null for the first judgment of the object's lines
 */
record LedgerEntry(
    String bucket,
    String key,
    String etag,
    long curated,
    long rejected,
    long duplicates,
    Map<String, Long> rejectedByReason,
    long lastChangeMillis,
    boolean unpublished,
    String redriveRun) {

  LedgerEntry {
    rejectedByReason = Map.copyOf(rejectedByReason);
  }

  LedgerEntry(String bucket, String key, String etag, long curated, long rejected, long duplicates,
      Map<String, Long> rejectedByReason, long lastChangeMillis, boolean unpublished) {
    this(bucket, key, etag, curated, rejected, duplicates, rejectedByReason, lastChangeMillis, unpublished, null);
  }

  static LedgerEntry empty(Provenance provenance) {
    return empty(provenance, null);
  }

  static LedgerEntry empty(Provenance provenance, String redriveRun) {
    return new LedgerEntry(provenance.bucket(), provenance.key(), provenance.etag(), 0, 0, 0, Map.of(), 0, false,
        redriveRun);
  }

  boolean redrive() {
    return redriveRun != null;
  }

  LedgerEntry plusCurated(long at) {
    return new LedgerEntry(bucket, key, etag, curated + 1, rejected, duplicates, rejectedByReason,
        Math.max(at, lastChangeMillis), true, redriveRun);
  }

  LedgerEntry plusDuplicate(long at) {
    return new LedgerEntry(bucket, key, etag, curated, rejected, duplicates + 1, rejectedByReason,
        Math.max(at, lastChangeMillis), true, redriveRun);
  }

  LedgerEntry plusRejected(String reason, long at) {
    Map<String, Long> reasons = new TreeMap<>(rejectedByReason);
    reasons.merge(reason, 1L, Long::sum);
    return new LedgerEntry(bucket, key, etag, curated, rejected + 1, duplicates, reasons,
        Math.max(at, lastChangeMillis), true, redriveRun);
  }

  LedgerEntry published() {
    return new LedgerEntry(bucket, key, etag, curated, rejected, duplicates, rejectedByReason, lastChangeMillis,
        false, redriveRun);
  }
}
