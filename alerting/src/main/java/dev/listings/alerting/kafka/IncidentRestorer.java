package dev.listings.alerting.kafka;

import dev.listings.alerting.json.AlertJson;
import dev.listings.alerting.json.InvalidInputException;
import dev.listings.alerting.rules.AlertEngine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before evaluating anything, re-reads the alerts this app wrote within the lookback and re-applies them to the
 * engine, so incidents open before a restart stay open (and are not fired again) and resolve once.
 */
final class IncidentRestorer {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentRestorer.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private IncidentRestorer() {}

  /** Returns how many alerts were re-applied; leaves the consumer with nothing assigned. */
  static int restore(Consumer<byte[], byte[]> consumer, String topic, Duration lookback, Duration timeout,
      AlertEngine engine, Clock clock) {
    List<TopicPartition> partitions = partitionsOf(consumer, topic);
    if (partitions.isEmpty()) {
      LOG.info("Alerts topic {} does not exist yet: no incidents to restore", topic);
      return 0;
    }
    consumer.assign(partitions);
    Map<TopicPartition, Long> since = new HashMap<>();
    long from = clock.instant().minus(lookback).toEpochMilli();
    partitions.forEach(p -> since.put(p, from));
    Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since);
    Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
    offsets.forEach((partition, offset) -> consumer.seek(partition,
        offset == null ? ends.get(partition) : offset.offset()));
    int restored = 0;
    Instant deadline = clock.instant().plus(timeout);
    while (!ends.isEmpty() && clock.instant().isBefore(deadline)) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        if (record.value() == null) {
          continue;
        }
        try {
          engine.restore(AlertJson.parse(record.value()));
          restored++;
        } catch (InvalidInputException e) {
          LOG.warn("Skipping unreadable alert {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
              e.getMessage());
        }
      }
      ends.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
    }
    if (!ends.isEmpty()) {
      LOG.warn("Restoring incidents from {} timed out after {}; some may fire again", topic, timeout);
    }
    consumer.assign(List.of());
    LOG.info("Restored {} alerts from {}; {} incidents open", restored, topic, engine.openIncidents());
    return restored;
  }

  /** The topic's partitions, empty when it does not exist; waits (interruptible by wakeup) while Kafka is away. */
  private static List<TopicPartition> partitionsOf(Consumer<byte[], byte[]> consumer, String topic) {
    while (true) {
      try {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        return partitions == null ? List.of()
            : partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      } catch (TimeoutException e) {
        LOG.warn("Kafka not reachable yet, cannot restore incidents from {}: {}", topic, e.getMessage());
      }
    }
  }
}
