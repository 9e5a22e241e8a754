package dev.listings.ingest.task;

import dev.listings.ingest.discovery.ObjectVersion;
import dev.listings.ingest.offset.ObjectOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Knows when every record of an object version has been committed: records are counted when handed to Connect and
 * uncounted in {@code commitRecord} (called after the producer's acknowledgement, or after the transaction commits
 * with exactly-once), and a version is settled once its audit record was handed over and nothing is outstanding.
 * Acknowledgements arrive on the producer's thread; settled versions are collected on the task's thread.
 */
final class CommitTracker {
  private static final class Outstanding {
    final AtomicLong records = new AtomicLong();
    volatile boolean closed;
  }

  private final Map<ObjectVersion, Outstanding> outstanding = new ConcurrentHashMap<>();
  private final Queue<ObjectVersion> settled = new ConcurrentLinkedQueue<>();

  void sent(ObjectVersion version) {
    outstanding.computeIfAbsent(version, v -> new Outstanding()).records.incrementAndGet();
  }

  /** The version's last record (its audit record) has been handed over. */
  void closed(ObjectVersion version) {
    Outstanding counts = outstanding.get(version);
    if (counts != null) {
      counts.closed = true;
    }
  }

  void committed(SourceRecord record) {
    ObjectVersion version = versionOf(record);
    Outstanding counts = version == null ? null : outstanding.get(version);
    if (counts == null) {
      return;
    }
    if (counts.records.decrementAndGet() == 0 && counts.closed && outstanding.remove(version, counts)) {
      settled.add(version);
    }
  }

  /** Whether records of this version are still on their way. */
  boolean inFlight(ObjectVersion version) {
    return outstanding.containsKey(version);
  }

  List<ObjectVersion> drainSettled() {
    List<ObjectVersion> drained = new ArrayList<>();
    for (ObjectVersion v = settled.poll(); v != null; v = settled.poll()) {
      drained.add(v);
    }
    return drained;
  }

  private static ObjectVersion versionOf(SourceRecord record) {
    Map<String, ?> partition = record.sourcePartition();
    Map<String, ?> offset = record.sourceOffset();
    if (partition == null || offset == null) {
      return null;
    }
    Object bucket = partition.get(ObjectOffset.BUCKET);
    Object key = partition.get(ObjectOffset.KEY);
    Object etag = offset.get(ObjectOffset.ETAG);
    if (bucket instanceof String b && key instanceof String k && etag instanceof String e) {
      return new ObjectVersion(b, k, e);
    }
    return null;
  }
}
