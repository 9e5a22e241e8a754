package dev.listings.cleaner.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.cleaner.streams.CleanerTopology;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules are configuration: the mapping's defaults are the brief's rules, and properties change them. */
class CleanerConfigTest {

  @Test
  void defaultsMapToTheBriefsRulesTopicsAndSettings() {
    CleanerConfig config = config(Map.of());
    assertThat(CleanerConfig.cleaningRules(config.rules())).isEqualTo(CleaningRules.defaults());
    assertThat(CleanerConfig.topics(config.topics())).isEqualTo(CleanerTopology.Topics.defaults());
    assertThat(config.topics().appErrors()).isEqualTo("pipeline.app-errors.v1");
    assertThat(CleanerConfig.settings(config)).isEqualTo(CleanerTopology.Settings.defaults());
    assertThat(CleanerConfig.serdeConfig(config.serde()))
        .containsExactlyEntriesOf(Map.of("schema.registry.url", "http://localhost:8081"));
  }

  @Test
  void propertiesChangeTheRulesAndSoTheirVersion() {
    CleanerConfig config = config(Map.of(
        "cleaner.rules.max-living-area", "800",
        "cleaner.rules.allowed-property-types", "apartment,house,studio",
        "cleaner.rules.property-type-synonyms.wohnung", "apartment",
        "cleaner.rules.min-scraping-date", "2020-01-01",
        "cleaner.dedupe.retention", "7d",
        "cleaner.topics.app-errors", "ops.app-errors",
        "cleaner.serde.avro-serde-class", "io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde",
        "cleaner.serde.properties.\"basic.auth.user.info\"", "u:p"));
    CleaningRules rules = CleanerConfig.cleaningRules(config.rules());
    assertThat(rules.maxLivingArea()).isEqualTo(800);
    assertThat(rules.allowedPropertyTypes()).containsExactlyInAnyOrder("apartment", "house", "studio");
    assertThat(rules.propertyTypeSynonyms()).containsExactlyEntriesOf(Map.of("wohnung", "apartment"));
    assertThat(rules.minScrapingDate()).isEqualTo(LocalDate.of(2020, 1, 1));
    assertThat(rules.version()).isNotEqualTo(CleaningRules.defaults().version());
    assertThat(CleanerConfig.settings(config).dedupeRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(config.topics().appErrors()).isEqualTo("ops.app-errors");
    assertThat(CleanerConfig.serdeConfig(config.serde()))
        .containsEntry("avro.serde.class", "io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde")
        .containsEntry("basic.auth.user.info", "u:p");
  }

  private static CleanerConfig config(Map<String, String> properties) {
    SmallRyeConfig config = new SmallRyeConfigBuilder()
        .withMapping(CleanerConfig.class)
        // Quarkus registers this converter, which reads "30d" as well as ISO-8601 durations.
        .withConverter(Duration.class, 200, new DurationConverter())
        .withSources(new PropertiesConfigSource(properties, "test", 100))
        .addDefaultInterceptors()
        .build();
    return config.getConfigMapping(CleanerConfig.class);
  }
}
