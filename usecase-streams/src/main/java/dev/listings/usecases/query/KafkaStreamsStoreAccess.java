package dev.listings.usecases.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * {@link StoreAccess} over a running {@link KafkaStreams}: keys are located with {@code queryMetadataForKey}, and every
 * state in which Kafka Streams cannot answer (not started, rebalancing before assignment, restoring, shutting down)
 * becomes "unavailable" at once, never a wait.
 */
public final class KafkaStreamsStoreAccess implements StoreAccess {
  private static final StringSerializer KEYS = new StringSerializer();

  private final KafkaStreams streams;
  private final HostInfo self;

  public KafkaStreamsStoreAccess(KafkaStreams streams, HostInfo self) {
    this.streams = streams;
    this.self = self;
  }

  @Override
  public HostInfo self() {
    return self;
  }

  @Override
  public KeyLocation locate(String store, String partitionKey) {
    KafkaStreams.State state = streams.state();
    if (!state.isRunningOrRebalancing()) {
      return new KeyLocation.Unknown("Kafka Streams is " + state);
    }
    KeyQueryMetadata metadata;
    try {
      metadata = streams.queryMetadataForKey(store, partitionKey, KEYS);
    } catch (StreamsException | IllegalStateException e) {
      return new KeyLocation.Unknown("no metadata for " + store + ": " + e.getMessage());
    }
    if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
      return new KeyLocation.Unknown("no instance owns " + store + " for this key yet");
    }
    HostInfo owner = metadata.activeHost();
    return owner.equals(self) ? new KeyLocation.Local(metadata.partition()) : new KeyLocation.Remote(owner);
  }

  @Override
  public <V> ReadOnlyKeyValueStore<String, V> local(String store, Integer partition) {
    StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters =
        StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore());
    if (partition != null) {
      parameters = parameters.withPartition(partition);
    }
    try {
      return streams.store(parameters);
    } catch (InvalidStateStoreException e) {
      throw new StoreUnavailableException(store + " is not queryable: " + e.getMessage(), e);
    }
  }

  @Override
  public Set<HostInfo> hostsOf(String store) {
    try {
      return streams.streamsMetadataForStore(store).stream()
          .map(StreamsMetadata::hostInfo)
          .collect(Collectors.toSet());
    } catch (StreamsException | IllegalStateException e) {
      return Set.of();
    }
  }

  @Override
  public List<InstanceView> instances() {
    List<InstanceView> instances = new ArrayList<>();
    try {
      for (StreamsMetadata metadata : streams.metadataForAllStreamsClients()) {
        HostInfo host = metadata.hostInfo();
        instances.add(
            new InstanceView(
                host.host(),
                host.port(),
                host.equals(self),
                new TreeSet<>(metadata.stateStoreNames()),
                metadata.topicPartitions().stream().map(Object::toString).sorted().toList()));
      }
    } catch (StreamsException | IllegalStateException e) {
      return List.of();
    }
    return instances;
  }
}
