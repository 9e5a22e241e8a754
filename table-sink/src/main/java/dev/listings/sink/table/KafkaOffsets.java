package dev.listings.sink.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka offsets a table has committed, kept in the summary of the snapshot that committed the rows (key {@value
 * #SUMMARY_KEY}, JSON {@code {"topic":{"partition":nextOffset}}}). Rows and offsets land in one atomic catalog commit,
 * so the table itself says where to resume: no duplicate and no gap after a crash. Every commit carries the offsets of
 * all partitions seen so far, so the newest snapshot that has the key is enough; snapshots of other writers (e.g.
 * compaction) carry no offsets and are skipped.
 */
public final class KafkaOffsets {
  public static final String SUMMARY_KEY = "kafka.offsets";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Map<String, Long>>> SHAPE = new TypeReference<>() {};

  private KafkaOffsets() {}

  /** Offsets of the newest snapshot in the table's current history that carries them; empty when none does. */
  public static Map<TopicPartition, Long> committed(Table table) {
    if (table.currentSnapshot() == null) {
      return Map.of();
    }
    for (Snapshot snapshot : SnapshotUtil.currentAncestors(table)) {
      String json = snapshot.summary().get(SUMMARY_KEY);
      if (json != null) {
        return fromJson(json);
      }
    }
    return Map.of();
  }

  /** {@code previous} with the partitions of {@code next} replaced by their new offsets. */
  public static Map<TopicPartition, Long> merge(Map<TopicPartition, Long> previous, Map<TopicPartition, Long> next) {
    Map<TopicPartition, Long> merged = new HashMap<>(previous);
    merged.putAll(next);
    return Map.copyOf(merged);
  }

  public static String toJson(Map<TopicPartition, Long> offsets) {
    Map<String, Map<String, Long>> byTopic = new TreeMap<>();
    offsets.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(Comparator.comparing(TopicPartition::topic)
            .thenComparingInt(TopicPartition::partition)))
        .forEach(e -> byTopic.computeIfAbsent(e.getKey().topic(), t -> new java.util.LinkedHashMap<>())
            .put(Integer.toString(e.getKey().partition()), e.getValue()));
    try {
      return JSON.writeValueAsString(byTopic);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write offsets as JSON", e);
    }
  }

  public static Map<TopicPartition, Long> fromJson(String json) {
    Map<String, Map<String, Long>> byTopic;
    try {
      byTopic = JSON.readValue(json, SHAPE);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Snapshot summary " + SUMMARY_KEY + " is not offsets JSON: " + json, e);
    }
    Map<TopicPartition, Long> offsets = new HashMap<>();
    byTopic.forEach((topic, partitions) -> partitions.forEach((partition, offset) -> {
      if (offset == null || offset < 0) {
        throw new IllegalStateException("Snapshot summary " + SUMMARY_KEY + " has an invalid offset: " + json);
      }
      offsets.put(new TopicPartition(topic, Integer.parseInt(partition)), offset);
    }));
    return Map.copyOf(offsets);
  }
}
