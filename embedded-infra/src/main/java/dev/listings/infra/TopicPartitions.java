package dev.listings.infra;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/** The partitions of a topic, as a consumer that reads it by assignment needs them. */
public final class TopicPartitions {
  private TopicPartitions() {}

  /**
   * The topic's partitions. A topic created just before may not be in the client's metadata yet and then comes back
   * with no partitions: ask again, rather than assign none of it and wait forever for its records.
   *
   * @throws IllegalStateException when the topic still has no partitions after {@code timeout}
   */
  public static List<TopicPartition> of(Consumer<?, ?> consumer, String topic, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<PartitionInfo> found = consumer.partitionsFor(topic);
      if (found != null && !found.isEmpty()) {
        return found.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Topic " + topic + " has no partitions after " + timeout.toSeconds() + " s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the partitions of " + topic, e);
      }
    }
  }
}
