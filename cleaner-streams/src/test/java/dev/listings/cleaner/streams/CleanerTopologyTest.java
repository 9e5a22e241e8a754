package dev.listings.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.cleaner.rules.CleanListing;
import dev.listings.cleaner.rules.CleaningRules;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class CleanerTopologyTest {
  private final CleanerTopology cleaner = new CleanerTopology(CleanerTopology.Topics.defaults(),
      CleaningRules.defaults(), Map.of("schema.registry.url", "mock://structure"), Clock.systemUTC());

  @Test
  void namesEveryNodeAndJudgesAndDeduplicatesInOneSubTopologyReadingRawAndTheRepartitionTopic() {
    TopologyDescription description = cleaner.build().describe();
    // Lines keyed by listing id skip the repartition topic: judge and dedupe share one sub-topology.
    assertThat(description.subtopologies()).hasSize(1);
    TopologyDescription.Subtopology only = description.subtopologies().iterator().next();
    assertThat(only.nodes()).filteredOn(node -> node instanceof TopologyDescription.Source)
        .flatExtracting(node -> ((TopologyDescription.Source) node).topicSet())
        .containsExactlyInAnyOrder("listings.raw.v1", "by-id-repartition"); // described without the application id
    String text = description.toString();
    assertThat(text).contains(CleanerTopology.RAW_SOURCE, CleanerTopology.JUDGE, CleanerTopology.DEDUPE,
        CleanerTopology.REJECTS_SINK, CleanerTopology.CURATED_SINK, CleanerTopology.JUDGE_LEDGER_SINK,
        CleanerTopology.DEDUPE_LEDGER_SINK, CleanerTopology.JUDGE_LEDGER_STORE, CleanerTopology.DEDUPE_STORE,
        CleanerTopology.DEDUPE_LEDGER_STORE, "by-id-repartition");
    assertThat(text).doesNotContain("KSTREAM-");
  }

  @Test
  void requiresExactlyOnceAndTheRejectingHandlers() {
    Map<String, Object> config = cleaner.requiredStreamsConfig();
    assertThat(config)
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
        .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            RejectingDeserializationHandler.class.getName())
        .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            RejectingProcessingHandler.class.getName())
        .containsEntry(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
            RejectingProductionHandler.class.getName())
        .containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "listings.rejects.v1")
        .containsEntry(CleanerStreamsConfig.LEDGER_TOPIC, "listings.ledger.v1")
        .containsEntry(CleanerStreamsConfig.RULES_VERSION, CleaningRules.defaults().version());
    assertThat(new StreamsConfig(withBasics(config)).getString(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
        .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
  }

  @Test
  void encodesJudgedListingsAndTheirProvenanceLosslessly() {
    JudgedListing judged = new JudgedListing(
        new CleanListing("ä1", LocalDate.of(2021, 2, 17), "house", null, 530_000.5, null, 84.25, 6291.99),
        new Provenance("b", "k/ü.jsonl", null, 7L, "jsonl", null), null);
    assertThat(ListingCodec.decodeJudged(ListingCodec.encode(judged))).isEqualTo(judged);
    LedgerEntry entry = LedgerEntry.empty(judged.provenance()).plusRejected("AREA_INVALID", 9).plusCurated(3);
    assertThat(LedgerCodec.decode(LedgerCodec.encode(entry))).isEqualTo(entry);
  }

  private static Map<String, Object> withBasics(Map<String, Object> config) {
    Map<String, Object> all = new java.util.HashMap<>(config);
    all.put(StreamsConfig.APPLICATION_ID_CONFIG, CleanerTopology.DEFAULT_APPLICATION_ID);
    all.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    return all;
  }
}
