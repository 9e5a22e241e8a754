package dev.listings.local.ops;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.schemas.ProvenanceHeaders;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay's start moves back until it cuts no source object in the partition, also when objects read at the same
 * time by two connector tasks interleave there (raw lines are keyed by listing id, so every object spreads over every
 * partition).
 */
@Tag("integration")
class ObjectAlignmentIT {
  private static final String TOPIC = "raw-alignment";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

  @TempDir static Path dir;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
    broker.createTopic(TOPIC, 1, Map.of());
    // offsets 0-9: a.jsonl alone; 10-29: b.jsonl and c.jsonl interleaved, with d.jsonl starting inside them at 20
    // and going on after c.jsonl ends; 30-39: e.jsonl alone.
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (int i = 0; i < 10; i++) {
        send(producer, "a.jsonl");
      }
      for (int i = 10; i < 30; i++) {
        send(producer, i < 20 ? (i % 2 == 0 ? "b.jsonl" : "c.jsonl") : (i % 2 == 0 ? "d.jsonl" : "c.jsonl"));
      }
      for (int i = 0; i < 4; i++) {
        send(producer, "d.jsonl");
      }
      for (int i = 0; i < 6; i++) {
        send(producer, "e.jsonl");
      }
    }
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void keepsAStartThatIsAnObjectsFirstLine() {
    try (KafkaConsumer<byte[], byte[]> reader = reader()) {
      assertThat(ObjectAlignment.align(reader, PARTITION, 10, 0, 40)).isEqualTo(new ObjectAlignment.Aligned(10, null));
      assertThat(ObjectAlignment.align(reader, PARTITION, 34, 0, 40)).isEqualTo(new ObjectAlignment.Aligned(34, null));
    }
  }

  @Test
  void movesBackToTheFirstLineOfTheObjectItWouldCut() {
    try (KafkaConsumer<byte[], byte[]> reader = reader()) {
      assertThat(ObjectAlignment.align(reader, PARTITION, 5, 0, 40))
          .isEqualTo(new ObjectAlignment.Aligned(0, "s3://landing/a.jsonl@etag"));
    }
  }

  @Test
  void movesBackPastEveryInterleavedObjectUntilNoneIsCut() {
    try (KafkaConsumer<byte[], byte[]> reader = reader()) {
      // At 25 (c.jsonl) both c and d continue; d began at 20 inside c, c began at 11 inside b, b began at 10.
      ObjectAlignment.Aligned aligned = ObjectAlignment.align(reader, PARTITION, 25, 0, 40);
      assertThat(aligned.offset()).isEqualTo(10);
      assertThat(aligned.object()).contains("c.jsonl", "d.jsonl").doesNotContain("a.jsonl", "e.jsonl");
    }
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String key) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(ProvenanceHeaders.SOURCE_BUCKET, "landing".getBytes(UTF_8));
    headers.add(ProvenanceHeaders.SOURCE_KEY, key.getBytes(UTF_8));
    headers.add(ProvenanceHeaders.SOURCE_ETAG, "etag".getBytes(UTF_8));
    producer.send(new ProducerRecord<>(TOPIC, 0, (byte[]) null, "{}".getBytes(UTF_8), headers));
  }

  private static KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<byte[], byte[]> reader() {
    return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
