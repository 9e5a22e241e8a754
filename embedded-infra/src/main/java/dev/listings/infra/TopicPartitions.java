package dev.listings.infra;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** The partitions of a topic, as a consumer reading it by assignment or a tool that has just created it needs them. */
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

  /**
   * The topic as the cluster describes it. Creating a topic completes once the controller has it; the broker that
   * answers a describe may learn of it a moment later and until then calls it unknown: ask again until {@code timeout}.
   *
   * @throws ExecutionException with {@link UnknownTopicOrPartitionException} when the topic is still unknown after
   *     {@code timeout}, or with any other failure at once
   */
  public static TopicDescription describeOnceKnown(Admin admin, String topic, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        return admin.describeTopics(Set.of(topic)).allTopicNames()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
