package dev.listings.ingest.task;

import dev.listings.ingest.aws.Retries;
import dev.listings.ingest.aws.S3ObjectStore;
import dev.listings.ingest.discovery.Discovery;
import dev.listings.ingest.discovery.ObjectVersion;
import dev.listings.ingest.discovery.S3ObjectRef;
import dev.listings.ingest.metrics.IngestMetrics;
import dev.listings.ingest.offset.ObjectOffset;
import dev.listings.ingest.read.UnreadableObjectException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop of a task, free of the Connect runtime: takes discovered object versions, drops those already done
 * (by their committed offsets, or by this task's own recent completions whose offsets may not be flushed yet), and
 * reads one object at a time into poll batches. Retryable failures pause the task with backoff and resume after the
 * last record handed over; an object that cannot be read is closed with a failed audit event; anything else fails
 * the task. Idle polls return {@code null} after a short wait that {@link #stop()} cuts short.
 */
public final class Ingestor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);
  private static final Duration IDLE_WAIT_MAX = Duration.ofMillis(500);
  private static final Duration DISCOVERY_BUDGET = Duration.ofSeconds(2);

  /** How a task runs: where it writes, how it reads, how big a poll may be, how it retries. */
  public record Settings(String bucket, OutputTopics topics, ReadSettings read, int batchMaxRecords,
      int batchMaxBytes, Retries retries) {}

  private record Pending(S3ObjectRef ref, ObjectOffset stored) {}

  private final Settings settings;
  private final S3ObjectStore store;
  private final Discovery discovery;
  private final OffsetLookup offsets;
  private final CommitTracker tracker;
  private final IngestMetrics metrics;
  private final Clock clock;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Deque<Pending> queue = new ArrayDeque<>();
  private final Set<ObjectVersion> queued = new HashSet<>();
  private final RecentlyDone recentlyDone = new RecentlyDone();
  private ObjectIngestion current;
  private boolean moreToDiscover;
  private int attempts;
  private Instant retryAt;

  Ingestor(Settings settings, S3ObjectStore store, Discovery discovery, OffsetLookup offsets, CommitTracker tracker,
      IngestMetrics metrics, Clock clock) {
    this.settings = settings;
    this.store = store;
    this.discovery = discovery;
    this.offsets = offsets;
    this.tracker = tracker;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The next records, or {@code null} when there is nothing to send now. */
  public List<SourceRecord> poll() throws InterruptedException {
    Instant now = clock.instant();
    if (retryAt != null && now.isBefore(retryAt)) {
      pause(Duration.between(now, retryAt));
      return null;
    }
    PollBatch batch = new PollBatch(settings.batchMaxRecords(), settings.batchMaxBytes(), tracker);
    try {
      housekeeping(now);
      fill(batch, now);
      attempts = 0;
      retryAt = null;
    } catch (IOException | RuntimeException e) {
      handleFailure(e, now);
    }
    reportPending();
    if (batch.isEmpty()) {
      if (current == null && queue.isEmpty() && !moreToDiscover && retryAt == null) {
        pause(IDLE_WAIT_MAX);
      }
      return null;
    }
    return batch.records();
  }

  /** Connect's callback for a record that reached Kafka (or was dropped on purpose by a transformation). */
  public void committed(SourceRecord record) {
    if (tracker != null) {
      tracker.committed(record);
    }
  }

  /** Cuts an idle wait short; the next poll returns at once. */
  public void stop() {
    stopped.countDown();
  }

  private void housekeeping(Instant now) {
    if (tracker != null) {
      tracker.drainSettled().forEach(discovery::settled);
    }
    discovery.maintain(now);
  }

  private void fill(PollBatch batch, Instant now) throws IOException {
    long ingestTs = now.toEpochMilli();
    while (!batch.full()) {
      if (current == null && !startNext(batch, ingestTs)) {
        if (!batch.isEmpty() || !discover(now)) {
          return;
        }
        continue;
      }
      try {
        if (current.fill(batch, ingestTs)) {
          finishCurrent();
        }
      } catch (UnreadableObjectException e) {
        LOG.warn("{} closed as failed: {}", current.ref().uri(), e.getMessage());
        current.fail(batch, ingestTs, e.getMessage());
        finishCurrent();
      }
    }
  }

  private boolean startNext(PollBatch batch, long ingestTs) {
    Pending next;
    while ((next = queue.poll()) != null) {
      S3ObjectRef ref = next.ref();
      queued.remove(ref.version());
      ObjectOffset stored = next.stored();
      ObjectOffset from = ObjectOffset.start(ref.etag(), ref.size(), ingestTs);
      if (stored != null && stored.etag().equals(ref.etag())) {
        if (stored.done()) {
          settle(ref.version());
          continue;
        }
        from = stored;
      } else if (stored != null && !stored.done()) {
        batch.add(ObjectIngestion.supersededAudit(
            settings.topics(), settings.read(), ref, stored, clock.instant(), ingestTs), 0, null);
        metrics.objectDone(false);
      }
      if (from.line() > 0) {
        LOG.info("Resuming {} (ETag {}) after line {}", ref.uri(), ref.etag(), from.line());
      } else {
        LOG.debug("Reading {} (ETag {})", ref.uri(), ref.etag());
      }
      current = new ObjectIngestion(ref, from, store, settings.read(), settings.topics(), metrics, clock);
      return true;
    }
    return false;
  }

  /** Asks discovery for candidates until some need ingesting, the pass ends, or the time budget is spent. */
  private boolean discover(Instant now) {
    Instant deadline = now.plus(DISCOVERY_BUDGET);
    do {
      Discovery.Found found = discovery.discover(clock.instant());
      moreToDiscover = found.more();
      enqueue(found.objects());
    } while (queue.isEmpty() && moreToDiscover && clock.instant().isBefore(deadline));
    return !queue.isEmpty();
  }

  private void enqueue(List<S3ObjectRef> found) {
    List<S3ObjectRef> unknown = found.stream()
        .filter(ref -> !queued.contains(ref.version()))
        .filter(ref -> {
          boolean doneHere = recentlyDone.isDone(ref);
          if (doneHere) {
            settle(ref.version());
          }
          return !doneHere;
        })
        .toList();
    var stored = offsets.read(settings.bucket(), unknown.stream().map(S3ObjectRef::key).distinct().toList());
    for (S3ObjectRef ref : unknown) {
      ObjectOffset offset = stored.get(ref.key());
      if (offset != null && offset.done() && offset.etag().equals(ref.etag())) {
        recentlyDone.confirmed(ref);
        settle(ref.version());
      } else if (queued.add(ref.version())) {
        queue.add(new Pending(ref, offset));
      }
    }
  }

  private void finishCurrent() {
    ObjectVersion version = current.version();
    recentlyDone.add(current.ref());
    if (tracker != null) {
      tracker.closed(version);
    } else {
      discovery.settled(version);
    }
    current.close();
    current = null;
  }

  /** Nothing (more) to send for this version: its announcements may be acknowledged once its records are in. */
  private void settle(ObjectVersion version) {
    if (tracker == null || !tracker.inFlight(version)) {
      discovery.settled(version);
    }
  }

  private void handleFailure(Exception e, Instant now) {
    if (e instanceof ConnectException connect) {
      throw connect;
    }
    String where = current == null ? "discovering objects" : "reading " + current.ref().uri();
    if (!Retries.isRetryable(e)) {
      throw new ConnectException("Failed " + where + ": " + e.getMessage(), e);
    }
    attempts++;
    if (!settings.retries().allows(attempts)) {
      throw new ConnectException("Failed " + where + " after " + (attempts - 1) + " retries: " + e.getMessage(), e);
    }
    Duration delay = settings.retries().delay(attempts);
    LOG.warn("Retry {} in {} ms after a transient error {}: {}", attempts, delay.toMillis(), where, e.toString());
    retryAt = now.plus(delay);
    if (current != null) {
      current.prepareRetry();
    }
  }

  private void reportPending() {
    Instant oldest = current == null ? null : current.ref().appearedAt();
    for (Pending pending : queue) {
      Instant appeared = pending.ref().appearedAt();
      if (appeared != null && (oldest == null || appeared.isBefore(oldest))) {
        oldest = appeared;
      }
    }
    metrics.pending(queue.size() + (current == null ? 0 : 1), oldest);
  }

  private void pause(Duration wanted) throws InterruptedException {
    long millis = Math.min(wanted.toMillis(), IDLE_WAIT_MAX.toMillis());
    if (millis > 0) {
      stopped.await(millis, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    stop();
    if (current != null) {
      current.close();
    }
    discovery.close();
    store.close();
    metrics.close();
  }
}
