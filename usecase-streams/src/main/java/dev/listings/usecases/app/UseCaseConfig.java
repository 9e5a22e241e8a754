package dev.listings.usecases.app;

import dev.listings.schemas.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Configuration of the use-case application under {@code usecases.*}; Kafka Streams itself under {@code kafka-streams.*}. */
@ConfigMapping(prefix = "usecases")
public interface UseCaseConfig {

  TopicNames topics();

  /** Names of the use cases to run. */
  @WithDefault("price-per-sqm,price-changes,market-activity")
  List<String> enabled();

  Serde serde();

  PricePerSqm pricePerSqm();

  PriceChanges priceChanges();

  Query query();

  interface TopicNames {
    @WithDefault(Topics.CURATED)
    String curated();

    /** Output topic by use-case name, for those not written to {@code usecase.<name>.v1}. */
    Map<String, String> output();

    /** Where the app publishes its error events (stream thread deaths, the ERROR state) for the alerting app. */
    @WithDefault(Topics.APP_ERRORS)
    String appErrors();
  }

  interface Serde {
    /** {@code schema.registry.url} of the Avro serdes; {@code mock://<scope>} for an in-memory registry. */
    String schemaRegistryUrl();

    /** Serde class for Avro topics, e.g. Confluent's SpecificAvroSerde; the project's own serde when absent. */
    Optional<String> avroSerdeClass();

    /** Further serde settings passed as they are, e.g. {@code "basic.auth.user.info"}. */
    Map<String, String> properties();
  }

  interface PricePerSqm {
    @WithDefault("P3650D")
    Duration grace();

    @WithDefault("200")
    double digestCompression();
  }

  interface PriceChanges {
    @WithDefault("20")
    int historySize();
  }

  interface Query {
    /** Retry-After sent with 503 while stores are not queryable. */
    @WithDefault("PT2S")
    Duration retryAfter();

    /** How long to wait for another instance's part of a top-N answer. */
    @WithDefault("PT5S")
    Duration remoteTimeout();
  }
}
