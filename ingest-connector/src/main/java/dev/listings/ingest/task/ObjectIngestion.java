package dev.listings.ingest.task;

import dev.listings.ingest.aws.S3ObjectStore;
import dev.listings.ingest.discovery.ObjectVersion;
import dev.listings.ingest.discovery.S3ObjectRef;
import dev.listings.ingest.metrics.IngestMetrics;
import dev.listings.ingest.offset.ObjectOffset;
import dev.listings.ingest.read.SourceFormat;
import dev.listings.ingest.read.SourceLine;
import dev.listings.ingest.record.AuditEvent;
import dev.listings.ingest.record.ObjectRecords;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The ingestion of one object version: turns its lines into raw records, tracks the offset reached, and closes the
 * object with its audit record, in the same poll batch as its last line (the batch may exceed its cap by that one
 * record). The offset advances only with records handed to Connect, so a retry resumes exactly after the last one.
 */
final class ObjectIngestion implements AutoCloseable {
  private final S3ObjectRef ref;
  private final ObjectCursor cursor;
  private final ObjectRecords records;
  private final IngestMetrics metrics;
  private final Clock clock;
  private ObjectOffset offset;
  private SourceLine lookahead;
  private boolean done;

  ObjectIngestion(S3ObjectRef ref, ObjectOffset resumeFrom, S3ObjectStore store, ReadSettings settings,
      OutputTopics topics, IngestMetrics metrics, Clock clock) {
    this.ref = ref;
    this.offset = resumeFrom;
    this.cursor = new ObjectCursor(store, ref, settings, resumeFrom.line(), resumeFrom.position());
    this.records = new ObjectRecords(topics.raw(), topics.audit(), ref, cursor.format());
    this.metrics = metrics;
    this.clock = clock;
  }

  S3ObjectRef ref() {
    return ref;
  }

  ObjectVersion version() {
    return ref.version();
  }

  boolean done() {
    return done;
  }

  /**
   * Adds lines until the batch is full or the object ends; at the end, adds the audit record and reports done.
   *
   * @throws IOException when reading fails; the batch keeps the lines added before
   */
  boolean fill(PollBatch batch, long ingestTs) throws IOException {
    while (!batch.full()) {
      SourceLine line = takeNext();
      if (line == null) {
        close(batch, ingestTs, null);
        return true;
      }
      add(batch, line, ingestTs);
    }
    lookahead = cursor.next(); // a full batch still takes the audit record when this was the last line
    if (lookahead == null) {
      close(batch, ingestTs, null);
      return true;
    }
    return false;
  }

  /** Closes the object as failed: the lines sent so far stay, the audit event says why the rest is missing. */
  void fail(PollBatch batch, long ingestTs, String error) {
    close(batch, ingestTs, error);
  }

  /** After a retryable error: the next line comes from a fresh download, right after the last one sent. */
  void prepareRetry() {
    lookahead = null;
    cursor.reopenAt(offset.line(), offset.position());
  }

  private SourceLine takeNext() throws IOException {
    if (lookahead != null) {
      SourceLine next = lookahead;
      lookahead = null;
      return next;
    }
    return cursor.next();
  }

  private void add(PollBatch batch, SourceLine line, long ingestTs) {
    offset = offset.after(line.line(), line.end(), Math.max(offset.size(), cursor.size()));
    batch.add(records.line(line, offset, ingestTs), line.value().length, ref.version());
    metrics.lineSent(line.value().length, line.truncated(), line.invalidUtf8());
  }

  private void close(PollBatch batch, long ingestTs, String error) {
    offset = offset.finished(cursor.size());
    AuditEvent event = new AuditEvent(ref.bucket(), ref.key(), ref.etag(), cursor.format().headerValue(),
        offset.records(), offset.size(), Instant.ofEpochMilli(offset.startedAt()), clock.instant(), error);
    batch.add(records.audit(event, offset, ingestTs), 0, ref.version());
    metrics.objectDone(error == null);
    done = true;
    cursor.close();
  }

  /**
   * The failed audit record of a version that was replaced in the bucket while partly ingested: its lines sent so far
   * stay, and it is closed so that the ledger does not wait for it forever.
   */
  static SourceRecord supersededAudit(OutputTopics topics, ReadSettings read, S3ObjectRef replacement,
      ObjectOffset stored, Instant now, long ingestTs) {
    S3ObjectRef old = new S3ObjectRef(replacement.bucket(), replacement.key(), stored.etag(), stored.size(), null);
    SourceFormat format = SourceFormat.ofKey(old.key(), read.defaultFormat());
    String error = "replaced by a new version (ETag " + replacement.etag() + ") after " + stored.records()
        + " lines were sent, before it was read to the end";
    AuditEvent event = new AuditEvent(old.bucket(), old.key(), old.etag(), format.headerValue(), stored.records(),
        stored.size(), Instant.ofEpochMilli(stored.startedAt()), now, error);
    return new ObjectRecords(topics.raw(), topics.audit(), old, format)
        .audit(event, stored.finished(stored.size()), ingestTs);
  }

  @Override
  public void close() {
    cursor.close();
  }
}
