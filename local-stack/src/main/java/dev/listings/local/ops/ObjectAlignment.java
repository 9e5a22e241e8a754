package dev.listings.local.ops;

import dev.listings.cleaner.streams.Provenance;
import dev.listings.cleaner.streams.Redrive;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

  /**
   * The latest offset at or before {@code target} that cuts no object in this partition: objects whose records
   * continue at or after the start (those of the {@value #WINDOW} records from the target on, then every object met
   * on the way back) must have no record before it. Lines of objects read at the same time by several connector
   * tasks interleave, so the walk may pass several objects; it looks back at most {@value #MAX_WINDOWS} windows.
   */
  static Aligned align(KafkaConsumer<byte[], byte[]> reader, TopicPartition partition, long target, long begin,
      long end) {
    if (target <= begin || target >= end) {
      return new Aligned(target, null);
    }
    List<ConsumerRecord<byte[], byte[]>> ahead = PartitionWindow.read(reader, partition, target,
        Math.min(end, target + WINDOW));
    if (ahead.isEmpty()) {
      return new Aligned(target, null);
    }
    Set<String> continuing = new HashSet<>();
    ahead.forEach(record -> continuing.add(ledgerKey(record)));
    Set<String> cut = new LinkedHashSet<>();
    long start = ahead.get(0).offset();
    boolean clean = false;
    for (int window = 0; window < MAX_WINDOWS && !clean; window++) {
      if (start <= begin) {
        clean = true;
        break;
      }
      List<ConsumerRecord<byte[], byte[]>> before =
          PartitionWindow.read(reader, partition, Math.max(begin, start - WINDOW), start);
      int first = firstOf(before, continuing);
      if (first < 0) {
        clean = true;
        break;
      }
      Set<String> continuingAfter = Set.copyOf(continuing);
      for (ConsumerRecord<byte[], byte[]> record : before.subList(first, before.size())) {
        String key = ledgerKey(record);
        if (continuingAfter.contains(key)) {
          cut.add(key);
        }
        continuing.add(key);
      }
      start = before.get(first).offset();
    }
    if (!clean) {
      throw new OpsException("No start at or before offset " + target + " of " + partition + " within "
          + (long) WINDOW * MAX_WINDOWS + " records cuts no source object (objects read at the same time interleave"
          + " all the way back); choose a time between ingests, or --to-offsets");
    }
    return start < target ? new Aligned(start, describe(cut)) : new Aligned(target, null);
  }

  private static int firstOf(List<ConsumerRecord<byte[], byte[]>> records, Set<String> keys) {
    for (int i = 0; i < records.size(); i++) {
      if (keys.contains(ledgerKey(records.get(i)))) {
        return i;
      }
    }
    return -1;
  }

  private static String describe(Set<String> keys) {
    List<String> names = keys.stream().map(ObjectAlignment::describe).toList();
    return names.size() <= 3 ? String.join(", ", names)
        : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
  }

  private static String describe(String key) {
    return key.startsWith("redrive:") ? "re-drive " + key.substring("redrive:".length()) : key;
  }
}
