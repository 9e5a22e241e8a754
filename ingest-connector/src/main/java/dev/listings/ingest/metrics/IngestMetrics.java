package dev.listings.ingest.metrics;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;

/**
 * A task's metrics, registered through Connect's plugin metrics (KIP-877), so they appear in the worker's JMX and
 * metrics reporters tagged with the connector and task: objects completed and failed, lines, bytes, flagged lines,
 * objects pending, and the lag of the oldest pending object (now minus when it appeared in the bucket).
 */
public final class IngestMetrics implements AutoCloseable {
  private final AtomicLong objectsCompleted = new AtomicLong();
  private final AtomicLong objectsFailed = new AtomicLong();
  private final AtomicLong lines = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong truncated = new AtomicLong();
  private final AtomicLong invalidUtf8 = new AtomicLong();
  private volatile long pending;
  private volatile long oldestPendingMillis = -1;
  private final Clock clock;
  private final PluginMetrics registry;
  private final List<MetricName> registered = new ArrayList<>();

  private IngestMetrics(PluginMetrics registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  /** Metrics registered with {@code registry}; with {@code null}, counted but not published. */
  public static IngestMetrics register(PluginMetrics registry, Clock clock) {
    IngestMetrics metrics = new IngestMetrics(registry, clock);
    if (registry != null) {
      metrics.publish();
    }
    return metrics;
  }

  private void publish() {
    add("objects-completed-total", "Objects read to the end, audit event sent", objectsCompleted::get);
    add("objects-failed-total", "Objects closed with a failed audit event", objectsFailed::get);
    add("lines-total", "Raw records sent", lines::get);
    add("bytes-total", "Bytes of raw record values sent", bytes::get);
    add("lines-truncated-total", "Lines cut to line.max.bytes", truncated::get);
    add("lines-invalid-utf8-total", "Lines sent that are not valid UTF-8", invalidUtf8::get);
    add("objects-pending", "Objects discovered and not done yet", () -> pending);
    add("oldest-pending-lag-ms", "Milliseconds since the oldest pending object appeared; 0 when none", this::lagMillis);
  }

  private void add(String name, String description, java.util.function.LongSupplier value) {
    MetricName metricName = registry.metricName(name, description, new LinkedHashMap<>());
    registry.addMetric(metricName, (Gauge<Long>) (config, now) -> value.getAsLong());
    registered.add(metricName);
  }

  public void lineSent(int valueBytes, boolean wasTruncated, boolean wasInvalidUtf8) {
    lines.incrementAndGet();
    bytes.addAndGet(valueBytes);
    if (wasTruncated) {
      truncated.incrementAndGet();
    }
    if (wasInvalidUtf8) {
      invalidUtf8.incrementAndGet();
    }
  }

  public void objectDone(boolean completed) {
    (completed ? objectsCompleted : objectsFailed).incrementAndGet();
  }

  /** How many objects wait, and when the oldest of them appeared ({@code null} when none waits). */
  public void pending(int count, Instant oldestAppearedAt) {
    pending = count;
    oldestPendingMillis = oldestAppearedAt == null ? -1 : oldestAppearedAt.toEpochMilli();
  }

  public long lagMillis() {
    long oldest = oldestPendingMillis;
    return oldest < 0 ? 0 : Math.max(0, clock.millis() - oldest);
  }

  public long linesSent() {
    return lines.get();
  }

  public long objectsCompleted() {
    return objectsCompleted.get();
  }

  public long objectsFailed() {
    return objectsFailed.get();
  }

  @Override
  public void close() {
    if (registry != null) {
      registered.forEach(registry::removeMetric);
      registered.clear();
    }
  }
}
