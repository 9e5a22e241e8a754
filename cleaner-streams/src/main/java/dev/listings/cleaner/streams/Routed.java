package dev.listings.cleaner.streams;

/** What a cleaner processor hands downstream; the topology splits on the type and sends each to its topic. */
sealed interface Routed permits Routed.ToRejects, Routed.ToLedger, Routed.ToCurated, Routed.ToDedupe {

  /** A reject record, JSON. */
  record ToRejects(byte[] json) implements Routed {}

  /** A ledger snapshot, JSON. */
  record ToLedger(byte[] json) implements Routed {}

  /** A curated listing, already serialized for the curated topic. */
  record ToCurated(byte[] serialized) implements Routed {}

  /**
   * A judged listing, to be deduplicated; {@code keyedById} when its raw record was already keyed by the listing id
   * (so it is on the id's partition), else it is re-keyed through the repartition topic first.
   */
  record ToDedupe(JudgedListing listing, boolean keyedById) implements Routed {}
}
