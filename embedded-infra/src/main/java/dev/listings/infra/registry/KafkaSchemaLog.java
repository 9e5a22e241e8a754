package dev.listings.infra.registry;

import dev.listings.infra.TopicPartitions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The schema log on a compacted single-partition Kafka topic, like Confluent's {@code _schemas}: one partition keeps
 * one total order of changes, compaction keeps the latest value per key, and every append waits for the broker's
 * acknowledgement from all in-sync replicas ({@code acks=all}, idempotent producer).
 */
final class KafkaSchemaLog implements SchemaLog {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final TopicPartition partition;
  private final KafkaProducer<byte[], byte[]> producer;

  KafkaSchemaLog(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.partition = new TopicPartition(topic, 0);
    ensureTopic(topic);
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.CLIENT_ID_CONFIG, "schema-registry-writer",
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 0,
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
        ProducerConfig.MAX_BLOCK_MS_CONFIG, TIMEOUT.toMillis()),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public List<Entry> replay() {
    List<Entry> entries = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.CLIENT_ID_CONFIG, "schema-registry-replay",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (consumer.position(partition, TIMEOUT) < end) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Could not read " + partition + " up to offset " + end + " within "
              + TIMEOUT);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.key() != null) {
            entries.add(new Entry(record.key(), record.value()));
          }
        }
      }
    }
    return entries;
  }

  @Override
  public void append(Entry entry) {
    try {
      producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), entry.key(), entry.value()))
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryError.store("Interrupted while writing to " + partition.topic(), e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw RegistryError.store("Error while writing to the schema log " + partition.topic() + ": " + cause, cause);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  private void ensureTopic(String topic) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      NewTopic newTopic = new NewTopic(topic, Optional.of(1), Optional.empty())
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      try {
        admin.createTopics(List.of(newTopic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      TopicDescription description = TopicPartitions.describeOnceKnown(admin, topic, TIMEOUT);
      if (description.partitions().size() != 1) {
        throw new IllegalStateException("Schema topic " + topic + " has " + description.partitions().size()
            + " partitions; it needs exactly 1 to keep one order of schema changes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while preparing schema topic " + topic, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Cannot prepare schema topic " + topic + " on " + bootstrapServers + ": " + e,
          e);
    }
  }
}
