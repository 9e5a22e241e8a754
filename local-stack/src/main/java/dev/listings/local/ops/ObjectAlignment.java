package dev.listings.local.ops;

import dev.listings.cleaner.streams.Provenance;
import dev.listings.cleaner.streams.Redrive;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Moves a replay's start back to the first line of the source object it would cut. The cleaner counts lines per object
 * (and per re-drive run and object) cumulatively, and a reset rebuilds those counts from the replayed lines only: a
 * start in the middle of an object would leave its counts short. Raw lines are keyed by listing id, so an object
 * spreads over the partitions, but each partition holds its share of the object in line order and each cleaner task
 * counts only that share: looking back in the partition finds the share's first line.
 */
final class ObjectAlignment {
  static final int WINDOW = 500;
  static final int MAX_WINDOWS = 200;

  /**
   * @param offset the aligned start
   * @param object the object that was cut, or null when the start already was an object's first line
   */
  record Aligned(long offset, String object) {}

  private ObjectAlignment() {}

  /** The ledger identity of a raw record: its object version, and the re-drive run for re-driven lines. */
  static String ledgerKey(ConsumerRecord<byte[], byte[]> record) {
    Provenance provenance = Provenance.fromHeaders(record.headers());
    String run = Redrive.runOf(record.headers());
    return run == null ? provenance.objectRef() : "redrive:" + run + "|" + provenance.objectRef();
  }

  static Aligned align(KafkaConsumer<byte[], byte[]> reader, TopicPartition partition, long target, long begin,
      long end) {
    if (target <= begin || target >= end) {
      return new Aligned(target, null);
    }
    List<ConsumerRecord<byte[], byte[]>> first = PartitionWindow.read(reader, partition, target, Math.min(end,
        target + 1));
    if (first.isEmpty()) {
      return new Aligned(target, null);
    }
    ConsumerRecord<byte[], byte[]> atTarget = first.get(0);
    String key = ledgerKey(atTarget);
    long start = atTarget.offset();
    for (int window = 0; window < MAX_WINDOWS && start > begin; window++) {
      long from = Math.max(begin, start - WINDOW);
      long earliest = -1;
      for (ConsumerRecord<byte[], byte[]> record : PartitionWindow.read(reader, partition, from, start)) {
        if (Objects.equals(key, ledgerKey(record))) {
          earliest = earliest < 0 ? record.offset() : Math.min(earliest, record.offset());
        }
      }
      if (earliest < 0) {
        break;
      }
      start = earliest;
    }
    return start < target ? new Aligned(start, describe(key)) : new Aligned(target, null);
  }

  private static String describe(String key) {
    return key.startsWith("redrive:") ? "re-drive " + key.substring("redrive:".length()) : key;
  }
}
