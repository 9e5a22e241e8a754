package dev.listings.infra.bench;

import dev.listings.infra.TopicPartitions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads output topics from the beginning with {@code read_committed} on a thread of its own while an application runs:
 * counts the records of each data topic and remembers when the last one arrived, so that a run's end is the moment its
 * last output became visible to a downstream consumer. An optional {@link SideTopic} (a ledger, say) is read along
 * without being counted.
 */
public final class CommittedOutputTail implements AutoCloseable {
  /** A topic read along with the data topics, whose records go to {@link #accept} instead of the counts. */
  public interface SideTopic {
    String topic();

    /** Called on the tail's thread for each committed record of {@link #topic}. */
    void accept(ConsumerRecord<byte[], byte[]> record);

    /** What the records say so far, for progress and failure messages, e.g. {@code "ledger 3/1/2"}. */
    String describe();
  }

  private final String bootstrapServers;
  private final SideTopic side;
  private final Map<String, Long> counts = new HashMap<>();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile long lastOutputAt;

  private CommittedOutputTail(String bootstrapServers, List<String> dataTopics, SideTopic side) {
    this.bootstrapServers = bootstrapServers;
    this.side = side;
    List<String> topics = new ArrayList<>(dataTopics);
    if (side != null) {
      topics.add(side.topic());
    }
    dataTopics.forEach(topic -> counts.put(topic, 0L));
    thread = new Thread(() -> tail(topics), "output-tail");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts tailing {@code dataTopics} (which must exist). */
  public static CommittedOutputTail start(String bootstrapServers, List<String> dataTopics) {
    return new CommittedOutputTail(bootstrapServers, dataTopics, null);
  }

  /** Starts tailing {@code dataTopics} and, uncounted, {@code side}. */
  public static CommittedOutputTail start(String bootstrapServers, List<String> dataTopics, SideTopic side) {
    return new CommittedOutputTail(bootstrapServers, dataTopics, side);
  }

  private void tail(List<String> topics) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        partitions.addAll(TopicPartitions.of(consumer, topic, Duration.ofSeconds(60)));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      String sideTopic = side == null ? null : side.topic();
      while (!stopped) {
        var records = consumer.poll(Duration.ofMillis(100));
        long now = System.nanoTime();
        synchronized (this) {
          for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.topic().equals(sideTopic)) {
              side.accept(record);
            } else {
              counts.merge(record.topic(), 1L, Long::sum);
              lastOutputAt = now;
            }
          }
        }
      }
    }
  }

  /** Committed records of {@code topic} seen so far. */
  public synchronized long count(String topic) {
    return counts.getOrDefault(topic, 0L);
  }

  /** {@link System#nanoTime} when the last data record arrived. */
  public long lastOutputAt() {
    return lastOutputAt;
  }

  @Override
  public synchronized String toString() {
    return "committed output " + counts + (side == null ? "" : ", " + side.describe());
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    thread.join(10_000);
  }
}
