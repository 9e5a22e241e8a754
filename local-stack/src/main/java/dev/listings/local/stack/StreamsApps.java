package dev.listings.local.stack;

import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.cleaner.streams.CleanerTopology;
import dev.listings.usecases.topology.UseCaseOptions;
import dev.listings.usecases.topology.UseCaseTopics;
import dev.listings.usecases.topology.UseCaseTopology;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * Runs the cleaner and use-case topologies on plain Kafka Streams, with the settings the Quarkus apps use in
 * production (exactly-once, the same handlers), so the local stack exercises the same processing code.
 */
public final class StreamsApps implements AutoCloseable {
  private final KafkaStreams cleaner;
  private final KafkaStreams useCases;

  private StreamsApps(KafkaStreams cleaner, KafkaStreams useCases) {
    this.cleaner = cleaner;
    this.useCases = useCases;
  }

  static StreamsApps start(Endpoints endpoints, StackOptions options) {
    Map<String, Object> serdeConfig = serdeConfig(endpoints);
    CleanerTopology cleanerTopology =
        new CleanerTopology(CleanerTopology.Topics.defaults(), CleaningRules.defaults(), serdeConfig, Clock.systemUTC());
    KafkaStreams cleaner =
        create(
            cleanerTopology.build(),
            cleanerTopology.requiredStreamsConfig(),
            CleanerTopology.DEFAULT_APPLICATION_ID,
            endpoints,
            options);
    UseCaseTopology useCaseTopology = useCaseTopology(serdeConfig);
    KafkaStreams useCases =
        create(
            useCaseTopology.build(),
            useCaseTopology.requiredStreamsConfig(),
            UseCaseTopology.DEFAULT_APPLICATION_ID,
            endpoints,
            options);
    cleaner.start();
    useCases.start();
    return new StreamsApps(cleaner, useCases);
  }

  /** Every use case on the class path, with the default topics and options. */
  static UseCaseTopology useCaseTopology(Map<String, Object> serdeConfig) {
    return new UseCaseTopology(
        UseCaseTopics.defaults(), UseCaseTopology.availableUseCases(), serdeConfig, UseCaseOptions.defaults());
  }

  static Map<String, Object> serdeConfig(Endpoints endpoints) {
    Map<String, Object> config = new HashMap<>();
    config.put("schema.registry.url", endpoints.schemaRegistryUrl());
    return config;
  }

  private static KafkaStreams create(
      Topology topology,
      Map<String, Object> required,
      String applicationId,
      Endpoints endpoints,
      StackOptions options) {
    Properties props = new Properties();
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.STATE_DIR_CONFIG, options.dir("streams").toAbsolutePath().toString());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put("schema.registry.url", endpoints.schemaRegistryUrl());
    props.putAll(required);
    props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, options.streamsCommitIntervalMs());
    props.putIfAbsent(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, options.recordCacheBytes());
    props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG),
        StackOptions.PRODUCER_BATCH_BYTES);
    return new KafkaStreams(topology, props);
  }

  public KafkaStreams.State cleanerState() {
    return cleaner.state();
  }

  public KafkaStreams.State useCasesState() {
    return useCases.state();
  }

  @Override
  public void close() {
    useCases.close(Duration.ofSeconds(20));
    cleaner.close(Duration.ofSeconds(20));
  }
}
