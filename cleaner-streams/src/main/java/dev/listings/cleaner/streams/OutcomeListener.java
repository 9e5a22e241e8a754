package dev.listings.cleaner.streams;

/**
 * Told of every outcome as the topology decides it, for metrics. Called on the stream thread; implementations must be
 * cheap and thread-safe. Counts processing attempts: a record re-processed after an aborted transaction is counted
 * again, so exact figures come from the ledger, not from here.
 */
public interface OutcomeListener {
  OutcomeListener NONE = new OutcomeListener() {};

  default void curated() {}

  default void duplicate() {}

  /** A rejected line, by primary reason code. */
  default void rejected(String reason) {}
}
