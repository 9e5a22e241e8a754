package dev.listings.sink;

/**
 * Points between the steps of a batch commit. The sink calls them in order; the crash tests throw from one to stop the
 * sink exactly there, as a killed process would.
 */
interface CommitHooks {
  CommitHooks NONE = new CommitHooks() {};

  /** A table's data files are written and closed, not yet committed. */
  default void dataFilesWritten(String table) {}

  /** A table's rows and offsets are committed. */
  default void tableCommitted(String table) {}

  /** Every table of the batch is committed; the consumer group's offsets are next. */
  default void groupOffsetsCommitting() {}
}
