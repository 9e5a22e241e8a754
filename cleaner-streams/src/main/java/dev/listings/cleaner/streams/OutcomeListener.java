package dev.listings.cleaner.streams;

/**
 * Told of every outcome as the topology decides it, for metrics and app error events. Called on the stream thread; implementations must be
 * cheap and thread-safe. Counts processing attempts: a record re-processed after an aborted transaction is counted
 * again, so exact figures come from the ledger, not from here.
 */
public interface OutcomeListener {
  OutcomeListener NONE = new OutcomeListener() {};

  default void curated() {}

  default void duplicate() {}

  /** A rejected line, by primary reason code. */
  default void rejected(String reason) {}

  /**
   * A record an exception handler routed to the dead letters (after {@link #rejected}), with what went wrong and where.
   */
  default void routedByHandler(String reason, String message, Reject.ErrorDetails error) {}

  /** Tells this listener, then {@code next}. */
  default OutcomeListener andThen(OutcomeListener next) {
    OutcomeListener first = this;
    return new OutcomeListener() {
      @Override
      public void curated() {
        first.curated();
        next.curated();
      }

      @Override
      public void duplicate() {
        first.duplicate();
        next.duplicate();
      }

      @Override
      public void rejected(String reason) {
        first.rejected(reason);
        next.rejected(reason);
      }

      @Override
      public void routedByHandler(String reason, String message, Reject.ErrorDetails error) {
        first.routedByHandler(reason, message, error);
        next.routedByHandler(reason, message, error);
      }
    };
  }
}
