package dev.listings.ingest.task;

import dev.listings.ingest.offset.ObjectOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** Reads the committed offsets of many objects of one bucket in one call. */
final class OffsetLookup {
  private final OffsetStorageReader reader;

  OffsetLookup(OffsetStorageReader reader) {
    this.reader = reader;
  }

  /** Offsets by key; keys without a stored offset are absent. */
  Map<String, ObjectOffset> read(String bucket, Collection<String> keys) {
    if (keys.isEmpty()) {
      return Map.of();
    }
    List<Map<String, String>> partitions = keys.stream().map(k -> ObjectOffset.partition(bucket, k)).toList();
    Map<Map<String, String>, Map<String, Object>> stored = reader.offsets(partitions);
    Map<String, ObjectOffset> byKey = new HashMap<>();
    if (stored != null) {
      stored.forEach((partition, offset) -> {
        ObjectOffset parsed = ObjectOffset.fromMap(offset);
        if (parsed != null) {
          byKey.put(partition.get(ObjectOffset.KEY), parsed);
        }
      });
    }
    return byKey;
  }
}
