package dev.listings.ingest.task;

import dev.listings.ingest.discovery.ObjectVersion;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;

/** The records of one poll, capped by count and by value bytes; every record is counted against its object. */
final class PollBatch {
  private final int maxRecords;
  private final long maxBytes;
  private final CommitTracker tracker;
  private final List<SourceRecord> records = new ArrayList<>();
  private long bytes;

  PollBatch(int maxRecords, long maxBytes, CommitTracker tracker) {
    this.maxRecords = maxRecords;
    this.maxBytes = maxBytes;
    this.tracker = tracker;
  }

  boolean full() {
    return records.size() >= maxRecords || bytes >= maxBytes;
  }

  boolean isEmpty() {
    return records.isEmpty();
  }

  /** Adds a record of {@code version}; {@code null} for a record that no event waits on. */
  void add(SourceRecord record, int valueBytes, ObjectVersion version) {
    records.add(record);
    bytes += valueBytes;
    if (tracker != null && version != null) {
      tracker.sent(version);
    }
  }

  List<SourceRecord> records() {
    return records;
  }
}
