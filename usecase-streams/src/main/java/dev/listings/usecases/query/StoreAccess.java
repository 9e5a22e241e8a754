package dev.listings.usecases.query;

import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Read access to the application's key-value stores across its instances: where a key lives, the local stores, and
 * which instances host a store. Implemented over a running {@code KafkaStreams} and, in tests, over a
 * TopologyTestDriver.
 */
public interface StoreAccess {

  /** This instance's address (its {@code application.server}), or {@link HostInfo#unavailable()} when not set. */
  HostInfo self();

  /** The location of the store partition that holds {@code partitionKey} (a String key of the store's topic). */
  KeyLocation locate(String store, String partitionKey);

  /**
   * The local store, limited to {@code partition} when it is not null, else over all local partitions.
   *
   * @throws StoreUnavailableException while the store cannot be queried
   */
  <V> ReadOnlyKeyValueStore<String, V> local(String store, Integer partition);

  /** Instances hosting an active partition of {@code store}, this one included. */
  Set<HostInfo> hostsOf(String store);

  /** Every instance of the application. */
  List<InstanceView> instances();
}
