package dev.listings.ingest.testing;

import dev.listings.infra.TopicPartitions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from its start, committed records only (read_committed), handing each record to a sink. */
public final class TopicReader implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;

  public TopicReader(String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    partitions = TopicPartitions.of(consumer, topic, Duration.ofSeconds(30));
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Polls into {@code sink} until {@code done} holds; fails after {@code timeout}. */
  public void readUntil(BooleanSupplier done, Duration timeout, Consumer<ConsumerRecord<String, byte[]>> sink) {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    while (!done.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("Condition not reached within " + timeout);
      }
      consumer.poll(Duration.ofMillis(200)).forEach(sink);
    }
  }

  /** Polls into {@code sink} for {@code duration}, whatever arrives. */
  public void readFor(Duration duration, Consumer<ConsumerRecord<String, byte[]>> sink) {
    long deadline = System.currentTimeMillis() + duration.toMillis();
    while (System.currentTimeMillis() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(sink);
    }
  }

  /**
   * Polls into {@code sink} every record committed when this is called: up to the last stable offsets taken now, so
   * records of transactions still open (or left open by a crashed producer) are not waited for.
   */
  public void readToEnd(Duration timeout, Consumer<ConsumerRecord<String, byte[]>> sink) {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    readUntil(() -> end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue()), timeout,
        sink);
  }

  /** Collects records until there are {@code count}, then reads a little longer for any extra one. */
  public List<ConsumerRecord<String, byte[]>> read(int count, Duration timeout) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    readUntil(() -> records.size() >= count, timeout, records::add);
    readFor(Duration.ofMillis(500), records::add);
    return records;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
