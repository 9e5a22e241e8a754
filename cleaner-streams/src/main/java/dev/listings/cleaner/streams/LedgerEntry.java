package dev.listings.cleaner.streams;

import java.util.Map;
import java.util.TreeMap;

/**
 * Cumulative outcome counts of one source object (bucket, key, etag) as seen by one task, with the stream time of the
 * last change (for eviction) and whether the latest counts still have to be published to the ledger topic.
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
    boolean unpublished) {

  LedgerEntry {
    rejectedByReason = Map.copyOf(rejectedByReason);
  }

  static LedgerEntry empty(Provenance provenance) {
    return new LedgerEntry(provenance.bucket(), provenance.key(), provenance.etag(), 0, 0, 0, Map.of(), 0, false);
  }

  LedgerEntry plusCurated(long at) {
    return new LedgerEntry(bucket, key, etag, curated + 1, rejected, duplicates, rejectedByReason,
        Math.max(at, lastChangeMillis), true);
  }

  LedgerEntry plusDuplicate(long at) {
    return new LedgerEntry(bucket, key, etag, curated, rejected, duplicates + 1, rejectedByReason,
        Math.max(at, lastChangeMillis), true);
  }

  LedgerEntry plusRejected(String reason, long at) {
    Map<String, Long> reasons = new TreeMap<>(rejectedByReason);
    reasons.merge(reason, 1L, Long::sum);
    return new LedgerEntry(bucket, key, etag, curated, rejected + 1, duplicates, reasons,
        Math.max(at, lastChangeMillis), true);
  }

  LedgerEntry published() {
    return new LedgerEntry(bucket, key, etag, curated, rejected, duplicates, rejectedByReason, lastChangeMillis,
        false);
  }
}
