package dev.listings.usecases.app;

import dev.listings.schemas.serde.AvroSerdeConfig;
import dev.listings.usecases.topology.UseCaseMetrics;
import dev.listings.usecases.topology.UseCaseOptions;
import dev.listings.usecases.topology.UseCaseTopics;
import dev.listings.usecases.topology.UseCaseTopology;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.Topology;
import org.jboss.logging.Logger;

/** Builds the use-case topology from configuration for Quarkus' Kafka Streams extension. */
@ApplicationScoped
public class TopologyProducer {
  private static final Logger LOG = Logger.getLogger(TopologyProducer.class);

  /** One topology per application: Kafka Streams and the extension's topic check see the same instance. */
  @Produces
  @Singleton
  public Topology topology(UseCaseConfig config, UseCaseMetrics metrics) {
    UseCaseTopology topology =
        new UseCaseTopology(
            new UseCaseTopics(config.topics().curated(), config.topics().output()),
            config.enabled(),
            serdeConfig(config.serde()),
            options(config),
            metrics);
    LOG.infof("use cases %s writing to %s", topology.enabledUseCases(), topology.outputTopics());
    return topology.build();
  }

  static Map<String, Object> serdeConfig(UseCaseConfig.Serde serde) {
    Map<String, Object> config = new HashMap<>(serde.properties());
    config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, serde.schemaRegistryUrl());
    serde.avroSerdeClass().ifPresent(c -> config.put(AvroSerdeConfig.AVRO_SERDE_CLASS, c));
    return config;
  }

  static UseCaseOptions options(UseCaseConfig config) {
    return new UseCaseOptions(
        config.pricePerSqm().grace(),
        config.pricePerSqm().digestCompression(),
        config.priceChanges().historySize());
  }
}
