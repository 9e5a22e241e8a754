package dev.listings.ingest.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.ingest.discovery.ObjectVersion;
import dev.listings.ingest.offset.ObjectOffset;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class CommitTrackerTest {
  private final CommitTracker tracker = new CommitTracker();
  private final ObjectVersion version = new ObjectVersion("b", "k", "e1");

  @Test
  void settlesAVersionOnlyOnceItsAuditRecordWasHandedOverAndEveryRecordIsCommitted() {
    tracker.sent(version);
    tracker.sent(version);
    tracker.committed(record("e1"));
    tracker.committed(record("e1"));
    assertThat(tracker.drainSettled()).isEmpty(); // all committed so far, but more may come
    assertThat(tracker.inFlight(version)).isTrue();

    tracker.sent(version); // the audit record
    tracker.closed(version);
    assertThat(tracker.drainSettled()).isEmpty();
    tracker.committed(record("e1"));
    assertThat(tracker.drainSettled()).containsExactly(version);
    assertThat(tracker.inFlight(version)).isFalse();
  }

  @Test
  void doesNotSettleWhileARecordIsOutstanding() {
    tracker.sent(version);
    tracker.sent(version);
    tracker.closed(version);
    tracker.committed(record("e1"));
    assertThat(tracker.drainSettled()).isEmpty();
  }

  @Test
  void keepsVersionsOfOneKeyApart() {
    tracker.sent(version);
    tracker.closed(version);
    tracker.committed(record("e2"));
    assertThat(tracker.drainSettled()).isEmpty();
  }

  private static SourceRecord record(String etag) {
    return new SourceRecord(ObjectOffset.partition("b", "k"), ObjectOffset.start(etag, 1, 1).toMap(), "t", null,
        new byte[0]);
  }
}
