package dev.listings.cleaner.streams;

/** What a cleaner processor hands downstream; the topology splits on the type and sends each to its topic. */
sealed interface Routed permits Routed.ToRejects, Routed.ToLedger, Routed.ToCurated, Routed.ToDedupe {

  /** A reject record, JSON. */
  record ToRejects(byte[] json) implements Routed {}

  /** A ledger snapshot, JSON. */
  record ToLedger(byte[] json) implements Routed {}

  /** A curated listing, already serialized for the curated topic. */
  record ToCurated(byte[] serialized) implements Routed {}

  /** A judged listing, to be re-keyed by id and deduplicated. */
  record ToDedupe(JudgedListing listing) implements Routed {}
}
