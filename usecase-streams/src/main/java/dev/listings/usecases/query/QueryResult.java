package dev.listings.usecases.query;

import org.apache.kafka.streams.state.HostInfo;

/**
 * Outcome of an interactive query: the value from a local store, not found, held by another instance (to be asked
 * there), or not answerable right now (stores rebalancing or restoring), in which case the caller retries later.
 */
public sealed interface QueryResult<T> {

  record Found<T>(T value) implements QueryResult<T> {}

  record NotFound<T>(String what) implements QueryResult<T> {}

  record Remote<T>(HostInfo owner) implements QueryResult<T> {}

  record Unavailable<T>(String reason) implements QueryResult<T> {}
}
