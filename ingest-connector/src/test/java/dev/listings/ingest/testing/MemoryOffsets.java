package dev.listings.ingest.testing;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** Committed source offsets in memory: what Connect would hand back to a restarted task. */
public final class MemoryOffsets implements OffsetStorageReader {
  private final Map<Map<String, ?>, Map<String, Object>> committed = new ConcurrentHashMap<>();

  /** Commits the offsets carried by these records, in order, as Connect does after they reach Kafka. */
  public void commit(List<SourceRecord> records) {
    for (SourceRecord record : records) {
      @SuppressWarnings("unchecked")
      Map<String, Object> offset = (Map<String, Object>) record.sourceOffset();
      committed.put(Map.copyOf(record.sourcePartition()), new HashMap<>(offset));
    }
  }

  @Override
  public <T> Map<String, Object> offset(Map<String, T> partition) {
    return committed.get(partition);
  }

  @Override
  public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
    Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
    for (Map<String, T> partition : partitions) {
      Map<String, Object> offset = committed.get(partition);
      if (offset != null) {
        found.put(partition, offset);
      }
    }
    return found;
  }
}
