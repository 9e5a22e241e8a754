package dev.listings.cleaner.app;

import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.cleaner.streams.CleanerTopology;
import dev.listings.schemas.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cleaner's configuration ({@code cleaner.*}), from application.properties or environment variables (e.g. {@code
 * CLEANER_RULES_MAX_LIVING_AREA=800}); changing the rules needs a restart, not a rebuild. Defaults equal the design
 * brief's rules and the default topic names.
 */
@ConfigMapping(prefix = "cleaner")
public interface CleanerConfig {
  TopicsConfig topics();

  RulesConfig rules();

  SerdeConfig serde();

  DedupeConfig dedupe();

  LedgerConfig ledger();

  RejectsConfig rejects();

  /** How often the stores are scanned for entries past their retention. */
  @WithDefault("1h")
  Duration evictionInterval();

  interface TopicsConfig {
    @WithDefault(Topics.RAW)
    String raw();

    @WithDefault(Topics.CURATED)
    String curated();

    @WithDefault(Topics.REJECTS)
    String rejects();

    @WithDefault(Topics.LEDGER)
    String ledger();

    /** Where the app publishes its error events (thread deaths, handler-routed records) for the alerting app. */
    @WithDefault(Topics.APP_ERRORS)
    String appErrors();
  }

  interface RulesConfig {
    /** First part of the rules version; the second is a hash of the effective rules. */
    @WithDefault("default")
    String name();

    @WithDefault("10")
    double minLivingArea();

    @WithDefault("500")
    double maxLivingArea();

    @WithDefault("500")
    double minPricePerSqm();

    @WithDefault("15000")
    double maxPricePerSqm();

    @WithDefault("apartment,house")
    Set<String> allowedPropertyTypes();

    /** Synonym → property type, e.g. {@code cleaner.rules.property-type-synonyms.wohnung=apartment}; none by default. */
    Map<String, String> propertyTypeSynonyms();

    /** When set, scraping dates before it are rejected as DATE_OUT_OF_RANGE. */
    Optional<LocalDate> minScrapingDate();
  }

  interface SerdeConfig {
    /** Confluent-compatible registry URL for the curated topic's Avro serde. */
    @WithDefault("http://localhost:8081")
    String schemaRegistryUrl();

    /** Serde class for Avro, e.g. io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde; the project's by default. */
    Optional<String> avroSerdeClass();

    /** Further serde settings by their native names, e.g. {@code cleaner.serde.properties."basic.auth.user.info"}. */
    Map<String, String> properties();
  }

  interface DedupeConfig {
    /** How long an id stays in the dedupe store after it was last seen (stream time). */
    @WithDefault("30d")
    Duration retention();
  }

  interface LedgerConfig {
    /** How often changed ledger counts are published. */
    @WithDefault("1s")
    Duration publishInterval();

    /** How long an object's counts stay in the ledger stores after their last change (stream time). */
    @WithDefault("30d")
    Duration retention();
  }

  interface RejectsConfig {
    /** The most characters of a raw line a reject record keeps; longer lines are cut and flagged. */
    @WithDefault("16384")
    int rawMaxChars();
  }

  /** The rules these settings describe. */
  static CleaningRules cleaningRules(RulesConfig rules) {
    return new CleaningRules(rules.name(), rules.minLivingArea(), rules.maxLivingArea(), rules.minPricePerSqm(),
        rules.maxPricePerSqm(), rules.allowedPropertyTypes(), rules.propertyTypeSynonyms(),
        rules.minScrapingDate().orElse(null));
  }

  static CleanerTopology.Topics topics(TopicsConfig topics) {
    return new CleanerTopology.Topics(topics.raw(), topics.curated(), topics.rejects(), topics.ledger());
  }

  static CleanerTopology.Settings settings(CleanerConfig config) {
    return new CleanerTopology.Settings(config.dedupe().retention(), config.evictionInterval(),
        config.ledger().publishInterval(), config.ledger().retention(), config.rejects().rawMaxChars());
  }

  static Map<String, Object> serdeConfig(SerdeConfig serde) {
    Map<String, Object> config = new HashMap<>(serde.properties());
    config.put("schema.registry.url", serde.schemaRegistryUrl());
    serde.avroSerdeClass().ifPresent(type -> config.put("avro.serde.class", type));
    return config;
  }
}
