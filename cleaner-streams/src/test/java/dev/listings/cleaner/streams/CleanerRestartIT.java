package dev.listings.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.schemas.RawRecordKeys;
import dev.listings.schemas.Topics;
import dev.listings.schemas.registry.InMemorySchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real broker with exactly-once: the cleaner is stopped in the middle of an object and started again on an empty
 * state directory (so its dedupe and ledger stores are restored from their changelogs); every line is still accounted
 * for exactly once per object, and neither curated nor rejects holds a record twice.
 */
@Tag("integration")
class CleanerRestartIT {
  private static final String APP_ID = "cleaner-restart-it";
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void accountsForEveryLineExactlyOnceAcrossARestartMidStream() throws Exception {
    List<String> sample = Files.readAllLines(Path.of("../data/sample/scraping_data.jsonl"), StandardCharsets.UTF_8);
    String scope = "restart-it-" + UUID.randomUUID();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
      for (String topic : List.of(Topics.RAW, Topics.CURATED, Topics.REJECTS)) {
        broker.createTopic(topic, 2, Map.of());
      }
      broker.createTopic(Topics.LEDGER, 1, Map.of("cleanup.policy", "compact"));
      CleanerTopology cleaner = new CleanerTopology(CleanerTopology.Topics.defaults(), CleaningRules.defaults(),
          Map.of("schema.registry.url", "mock://" + scope), Clock.systemUTC());

      // The first instance sees only part of day 1, and stops while the object is half read.
      produce(broker, "day-1.jsonl", "e1", sample, 0, 120, true);
      KafkaStreams first = start(broker, cleaner, dir.resolve("state-1"));
      waitFor(() -> countCommitted(broker, Topics.CURATED) > 0);
      first.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
          .withTimeout(Duration.ofSeconds(30)));

      produce(broker, "day-1.jsonl", "e1", sample, 120, sample.size(), true);
      // Day 2 keyed by object, as a producer other than the connector might: re-keyed through the repartition topic,
      // it must meet day 1's versions in the same dedupe store.
      produce(broker, "day-2.jsonl", "e2", sample, 0, sample.size(), false);
      KafkaStreams second = start(broker, cleaner, dir.resolve("state-2"));
      try {
        waitFor(() -> ledgerTotal(broker) == 2L * sample.size());
        Map<String, long[]> ledger = ledgerByObject(broker);
        assertThat(ledger.get("s3://landing/day-1.jsonl@e1")).containsExactly(90, 22, 95);
        // The second day repeats the first: nothing new to curate, rejects are never deduplicated.
        assertThat(ledger.get("s3://landing/day-2.jsonl@e2")).containsExactly(0, 22, 185);

        List<ConsumerRecord<String, byte[]>> curated = readCommitted(broker, Topics.CURATED);
        assertThat(curated).hasSize(90);
        assertThat(distinctValues(curated)).isEqualTo(90);
        List<ConsumerRecord<String, byte[]>> rejects = readCommitted(broker, Topics.REJECTS);
        assertThat(rejects).hasSize(44);
        Set<String> rejectedLines = new HashSet<>();
        for (ConsumerRecord<String, byte[]> reject : rejects) {
          JsonNode provenance = CleanerDriver.json(new String(reject.value(), StandardCharsets.UTF_8)).path("provenance");
          rejectedLines.add(provenance.path("key").asText() + "#" + provenance.path("line").asLong());
        }
        assertThat(rejectedLines).hasSize(44);
      } finally {
        second.close(Duration.ofSeconds(30));
        InMemorySchemaRegistryClient.dropScope(scope);
      }
    }
  }

  private static KafkaStreams start(EmbeddedKafkaBroker broker, CleanerTopology cleaner, Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.putAll(cleaner.requiredStreamsConfig());
    KafkaStreams streams = new KafkaStreams(cleaner.build(), props);
    streams.start();
    return streams;
  }

  private static void produce(EmbeddedKafkaBroker broker, String key, String etag, List<String> lines, int from,
      int to, boolean keyById) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = from; i < to; i++) {
        byte[] line = lines.get(i).getBytes(StandardCharsets.UTF_8);
        String object = "s3://landing/" + key;
        ProducerRecord<String, byte[]> record =
            new ProducerRecord<>(Topics.RAW, keyById ? RawRecordKeys.of(line, object) : object, line);
        CleanerDriver.provenance("landing", key, etag, i + 1).forEach(h -> record.headers().add(h));
        producer.send(record);
      }
    }
  }

  private static long countCommitted(EmbeddedKafkaBroker broker, String topic) {
    return readCommitted(broker, topic).size();
  }

  private static long ledgerTotal(EmbeddedKafkaBroker broker) {
    return ledgerByObject(broker).values().stream().mapToLong(c -> c[0] + c[1] + c[2]).sum();
  }

  /** curated, rejected, duplicates per object: the latest value per key, summed per object. */
  private static Map<String, long[]> ledgerByObject(EmbeddedKafkaBroker broker) {
    Map<String, JsonNode> latest = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : readCommitted(broker, Topics.LEDGER)) {
      latest.put(record.key(), CleanerDriver.json(new String(record.value(), StandardCharsets.UTF_8)));
    }
    Map<String, long[]> sums = new HashMap<>();
    for (JsonNode value : latest.values()) {
      long[] sum = sums.computeIfAbsent("s3://" + value.path("bucket").asText() + "/" + value.path("key").asText()
          + "@" + value.path("etag").asText(), o -> new long[3]);
      sum[0] += value.path("curated").asLong();
      sum[1] += value.path("rejected").asLong();
      sum[2] += value.path("duplicates").asLong();
    }
    return sums;
  }

  private static List<ConsumerRecord<String, byte[]>> readCommitted(EmbeddedKafkaBroker broker, String topic) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      var partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.currentTimeMillis() + 10_000;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static long distinctValues(List<ConsumerRecord<String, byte[]>> records) {
    return records.stream().map(r -> new String(r.value(), StandardCharsets.ISO_8859_1)).distinct().count();
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT.toMillis();
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met within " + WAIT);
      }
      Thread.sleep(250);
    }
  }
}
