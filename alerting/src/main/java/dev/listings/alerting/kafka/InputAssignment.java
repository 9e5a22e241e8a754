package dev.listings.alerting.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Assigns the input topics' partitions to the consumer without a consumer group, each from where the evaluation needs
 * it: the ledger from its beginning (it is compacted and cumulative), the other inputs from {@code now - lookback}, so
 * a restart rebuilds the windows and watched objects instead of relying on committed offsets. It remembers each
 * partition's end offset at assignment; the loop has caught up once it has read past all of them.
 */
final class InputAssignment {
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

  private final Consumer<byte[], byte[]> consumer;
  private final Map<String, Duration> lookbackByTopic;
  private final String beginningTopic;
  private final Set<String> assignedTopics = new HashSet<>();
  private final Set<TopicPartition> assigned = new LinkedHashSet<>();
  private final Map<TopicPartition, Long> catchUpTargets = new HashMap<>();

  /**
   * @param lookbackByTopic every input topic with how far back to start reading it
   * @param beginningTopic the topic read from its beginning instead (the ledger)
   */
  InputAssignment(Consumer<byte[], byte[]> consumer, Map<String, Duration> lookbackByTopic, String beginningTopic) {
    this.consumer = consumer;
    this.lookbackByTopic = Map.copyOf(lookbackByTopic);
    this.beginningTopic = beginningTopic;
  }

  /** Assigns the partitions of topics that exist now and were not assigned yet; returns the topics still missing. */
  Set<String> refresh(Instant now) {
    List<TopicPartition> added = new ArrayList<>();
    Set<String> missing = new HashSet<>();
    for (String topic : lookbackByTopic.keySet()) {
      if (assignedTopics.contains(topic)) {
        continue;
      }
      List<PartitionInfo> partitions = partitionsOf(topic);
      if (partitions.isEmpty()) {
        missing.add(topic);
        continue;
      }
      assignedTopics.add(topic);
      partitions.forEach(p -> added.add(new TopicPartition(p.topic(), p.partition())));
    }
    if (!added.isEmpty()) {
      assigned.addAll(added);
      consumer.assign(assigned);
      // End offsets first: a partition with nothing newer than its lookback starts exactly there, so records
      // produced while the app assigns are still read (a lazy seekToEnd could skip them).
      Map<TopicPartition, Long> ends = consumer.endOffsets(added);
      seek(added, ends, now);
      catchUpTargets.putAll(ends);
    }
    return missing;
  }

  /** True once every assigned partition was read up to its end offset at assignment. */
  boolean caughtUp() {
    catchUpTargets.entrySet().removeIf(target -> consumer.position(target.getKey()) >= target.getValue());
    return catchUpTargets.isEmpty();
  }

  boolean assignedAll(List<String> topics) {
    return assignedTopics.containsAll(topics);
  }

  private void seek(List<TopicPartition> partitions, Map<TopicPartition, Long> ends, Instant now) {
    Map<TopicPartition, Long> timestamps = new HashMap<>();
    List<TopicPartition> fromBeginning = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      if (partition.topic().equals(beginningTopic)) {
        fromBeginning.add(partition);
      } else {
        timestamps.put(partition, now.minus(lookbackByTopic.get(partition.topic())).toEpochMilli());
      }
    }
    consumer.seekToBeginning(fromBeginning);
    if (!timestamps.isEmpty()) {
      Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(timestamps);
      for (TopicPartition partition : timestamps.keySet()) {
        OffsetAndTimestamp offset = offsets.get(partition);
        consumer.seek(partition, offset == null ? ends.get(partition) : offset.offset());
      }
    }
  }

  private List<PartitionInfo> partitionsOf(String topic) {
    try {
      List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT);
      return partitions == null ? List.of() : partitions;
    } catch (TimeoutException e) {
      return List.of();
    }
  }
}
