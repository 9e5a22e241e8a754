package dev.listings.alerting.model;

import java.time.Instant;

/**
 * The latest cumulative counts one ledger record key holds for an object. Several ledger keys (one per cleaner task and
 * stage, plus dead-letter corrections) share an object; their values add up.
 *
 * @param ledgerKey the Kafka record key
 * @param at the record's timestamp
 */
public record LedgerUpdate(
    String ledgerKey, ObjectRef object, long curated, long rejected, long duplicates, Instant at) {

  /** Lines this key accounts for. */
  public long lines() {
    return curated + rejected + duplicates;
  }
}
