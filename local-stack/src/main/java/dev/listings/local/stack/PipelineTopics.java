package dev.listings.local.stack;

import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.schemas.Topics;
import java.util.Map;

/** The pipeline's topics with the settings production uses, created on the local broker before anything runs. */
final class PipelineTopics {
  private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");
  private static final Map<String, String> DELETE = Map.of();

  private PipelineTopics() {}

  static void createAll(EmbeddedKafkaBroker broker, int partitions) {
    broker.createTopic(Topics.RAW, partitions, DELETE);
    broker.createTopic(Topics.CURATED, partitions, DELETE);
    broker.createTopic(Topics.REJECTS, partitions, DELETE);
    broker.createTopic(Topics.INGEST_AUDIT, 1, DELETE);
    broker.createTopic(Topics.LEDGER, 1, COMPACTED);
    for (String topic : UseCases.topics()) {
      broker.createTopic(topic, partitions, DELETE);
    }
  }
}
