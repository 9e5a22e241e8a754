package dev.listings.usecases.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.schemas.ProvenanceHeaders;
import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.serde.AvroSerdeConfig;
import dev.listings.usecases.Listings;
import dev.listings.usecases.UseCaseDriver;
import dev.listings.usecases.activity.MarketActivityUseCase;
import dev.listings.usecases.pricechanges.PriceChangesUseCase;
import dev.listings.usecases.pricepersqm.PricePerSqmUseCase;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class UseCaseTopologyTest {
  private static final Map<String, Object> SERDE = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://topology-test");
  private static final List<String> ALL =
      List.of(PricePerSqmUseCase.NAME, PriceChangesUseCase.NAME, MarketActivityUseCase.NAME);

  private static UseCaseTopology topology(List<String> enabled) {
    return new UseCaseTopology(UseCaseTopics.defaults(), enabled, SERDE, UseCaseOptions.defaults());
  }

  @Test
  void findsTheBuiltInUseCasesOnTheClassPath() {
    assertThat(UseCaseTopology.availableUseCases()).containsExactlyInAnyOrderElementsOf(ALL);
  }

  @Test
  void namesEveryProcessorAndStore() {
    TopologyDescription description = topology(ALL).build().describe();

    assertThat(description.toString()).doesNotContain("KSTREAM-", "KTABLE-");
    assertThat(description.subtopologies())
        .flatExtracting(TopologyDescription.Subtopology::nodes)
        .filteredOn(node -> node instanceof TopologyDescription.Processor)
        .flatExtracting(node -> ((TopologyDescription.Processor) node).stores())
        .contains(
            PricePerSqmUseCase.WATERMARK_STORE,
            PricePerSqmUseCase.ACCUMULATOR_STORE,
            PricePerSqmUseCase.STATS_STORE,
            PriceChangesUseCase.STATE_STORE,
            MarketActivityUseCase.FIRST_SEEN_STORE,
            MarketActivityUseCase.COUNT_STORE);
  }

  @Test
  void buildsOnlyTheEnabledUseCases() {
    UseCaseTopology onlyChanges = topology(List.of(PriceChangesUseCase.NAME));

    String description = onlyChanges.build().describe().toString();

    assertThat(description).contains(PriceChangesUseCase.STATE_STORE).doesNotContain("price-per-sqm");
    assertThat(onlyChanges.outputTopics()).containsExactly(UseCaseTopology.PRICE_CHANGES_TOPIC);
  }

  @Test
  void writesEachUseCaseToItsConfiguredTopic() {
    UseCaseTopics topics =
        new UseCaseTopics("curated.test", Map.of(PricePerSqmUseCase.NAME, "stats.custom"));
    UseCaseTopology topology = new UseCaseTopology(topics, ALL, SERDE, UseCaseOptions.defaults());

    assertThat(topology.outputTopics())
        .containsExactly("stats.custom", UseCaseTopology.PRICE_CHANGES_TOPIC, UseCaseTopology.MARKET_ACTIVITY_TOPIC);
    assertThat(topology.build().describe().toString()).contains("curated.test", "stats.custom");
  }

  @Test
  void resultsCarryNoneOfTheCuratedRecordsHeaders() {
    try (UseCaseDriver driver = new UseCaseDriver(ALL, UseCaseOptions.defaults())) {
      for (int version = 1; version <= 2; version++) {
        CuratedListing listing = Listings.listing("L1", "Lausanne", "apartment",
            LocalDate.parse("2024-05-0" + version), 400_000 + version, 80, "CHF", version);
        RecordHeaders headers = new RecordHeaders();
        headers.add(ProvenanceHeaders.SOURCE_KEY, "scrapes/batch.jsonl".getBytes(StandardCharsets.UTF_8));
        headers.add(ProvenanceHeaders.SOURCE_LINE, String.valueOf(version).getBytes(StandardCharsets.UTF_8));
        driver.send(listing, headers);
      }

      for (String topic : topology(ALL).outputTopics()) {
        List<TestRecord<String, SpecificRecord>> results = driver.<SpecificRecord>output(topic).readRecordsToList();
        assertThat(results).as(topic).isNotEmpty();
        assertThat(results).as(topic).allSatisfy(result -> assertThat(result.headers().toArray()).isEmpty());
      }
    }
  }

  @Test
  void rejectsUnknownUseCaseNames() {
    assertThatThrownBy(() -> topology(List.of("price-per-sqm", "rent-yield")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rent-yield");
    assertThatThrownBy(() -> topology(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requiresExactlyOnceAndFailFastErrorHandling() {
    Map<String, Object> required = topology(ALL).requiredStreamsConfig();

    assertThat(required)
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
        .containsKeys(
            StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG);
  }

  @Test
  void outputTopicNamesFollowTheUseCaseConvention() {
    assertThat(UseCaseTopology.PRICE_PER_SQM_TOPIC).isEqualTo("usecase.price-per-sqm.v1");
    assertThat(UseCaseTopology.PRICE_CHANGES_TOPIC).isEqualTo("usecase.price-changes.v1");
    assertThat(UseCaseTopology.MARKET_ACTIVITY_TOPIC).isEqualTo("usecase.market-activity.v1");
  }
}
