package dev.listings.sink.table;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.kafka.common.TopicPartition;

/**
 * Appends a batch's data files and the Kafka offsets that follow it in one snapshot. Before committing it checks that
 * the table's committed offsets are still the ones this writer started from: a second writer on the same table would
 * otherwise silently duplicate rows, so that is refused instead.
 */
public final class OffsetCommitter {
  /** Summary key naming the consumer group that wrote the snapshot, for people reading the history. */
  public static final String GROUP_SUMMARY_KEY = "kafka.consumer.group";

  private OffsetCommitter() {}

  /**
   * Commits {@code files} with {@code offsets} (all partitions of the table's topics) and returns the new snapshot id.
   *
   * @param expected the offsets this writer last committed or read at start
   * @throws ConcurrentWriterException when another writer has committed offsets to the table since
   */
  public static long commit(
      Table table, List<DataFile> files, Map<TopicPartition, Long> offsets, Map<TopicPartition, Long> expected,
      String groupId) {
    table.refresh();
    Map<TopicPartition, Long> current = KafkaOffsets.committed(table);
    if (!current.equals(expected)) {
      throw new ConcurrentWriterException("Table " + table.name() + " has offsets " + current + " but this sink "
          + "expected " + expected + ": another writer commits to it; each table must have one sink");
    }
    AppendFiles append = table.newAppend();
    files.forEach(append::appendFile);
    append.set(KafkaOffsets.SUMMARY_KEY, KafkaOffsets.toJson(offsets));
    append.set(GROUP_SUMMARY_KEY, groupId);
    append.commit();
    return table.currentSnapshot().snapshotId();
  }

  /** Another writer committed Kafka offsets to a table this sink writes. */
  public static final class ConcurrentWriterException extends IllegalStateException {
    public ConcurrentWriterException(String message) {
      super(message);
    }
  }
}
