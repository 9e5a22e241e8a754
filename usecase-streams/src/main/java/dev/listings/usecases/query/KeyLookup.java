package dev.listings.usecases.query;

import java.util.function.Function;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A point query: locate the key's partition, read it if it is local, else say which instance owns it. A store that
 * stops being queryable mid-read (a rebalance) makes the result unavailable, never an error and never a retry loop.
 */
final class KeyLookup {
  private KeyLookup() {}

  static <V, R> QueryResult<R> lookup(
      StoreAccess access, String store, String partitionKey, String storeKey, Function<V, R> view) {
    KeyLocation location = access.locate(store, partitionKey);
    if (location instanceof KeyLocation.Unknown unknown) {
      return new QueryResult.Unavailable<>(unknown.reason());
    }
    if (location instanceof KeyLocation.Remote remote) {
      return new QueryResult.Remote<>(remote.owner());
    }
    int partition = ((KeyLocation.Local) location).partition();
    try {
      ReadOnlyKeyValueStore<String, V> local = access.local(store, partition);
      V value = local.get(storeKey);
      return value == null ? new QueryResult.NotFound<>(partitionKey) : new QueryResult.Found<>(view.apply(value));
    } catch (StoreUnavailableException | InvalidStateStoreException e) {
      return new QueryResult.Unavailable<>(store + " is not queryable: " + e.getMessage());
    }
  }
}
