package dev.listings.alerting.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Event counts per key over a sliding time window, kept in time buckets (at most about 600 per key) so memory does not
 * grow with the event rate. A bucket counts while any part of it lies inside the window, so the window is exact to one
 * bucket width (one second for windows up to ten minutes).
 */
final class WindowedCounts {
  private static final long MAX_BUCKETS = 600;

  private final long windowMillis;
  private final long bucketMillis;
  private final Map<String, ArrayDeque<long[]>> buckets = new HashMap<>();

  WindowedCounts(Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    this.windowMillis = window.toMillis();
    this.bucketMillis = Math.max(1000, ceilDiv(windowMillis, MAX_BUCKETS));
  }

  Duration window() {
    return Duration.ofMillis(windowMillis);
  }

  /** Adds {@code count} at {@code at}; events already outside the window at {@code now} are ignored. */
  void add(String key, Instant at, long count, Instant now) {
    long time = Math.min(at.toEpochMilli(), now.toEpochMilli());
    if (count == 0 || !inWindow(time, now.toEpochMilli())) {
      return;
    }
    long bucket = Math.floorDiv(time, bucketMillis) * bucketMillis;
    ArrayDeque<long[]> deque = buckets.computeIfAbsent(key, k -> new ArrayDeque<>());
    // Events mostly arrive in time order: the newest bucket is at the tail.
    long[] last = deque.peekLast();
    if (last != null && last[0] == bucket) {
      last[1] += count;
    } else if (last == null || last[0] < bucket) {
      deque.addLast(new long[] {bucket, count});
    } else {
      insertOutOfOrder(deque, bucket, count);
    }
  }

  /** The sum of the key's counts inside the window ending at {@code now}. */
  long sum(String key, Instant now) {
    ArrayDeque<long[]> deque = buckets.get(key);
    if (deque == null) {
      return 0;
    }
    long nowMillis = now.toEpochMilli();
    long sum = 0;
    for (long[] bucket : deque) {
      if (inWindow(bucket[0] + bucketMillis - 1, nowMillis)) {
        sum += bucket[1];
      }
    }
    return sum;
  }

  /** Drops buckets that left the window and keys with nothing left. */
  void prune(Instant now) {
    long nowMillis = now.toEpochMilli();
    Iterator<Map.Entry<String, ArrayDeque<long[]>>> entries = buckets.entrySet().iterator();
    while (entries.hasNext()) {
      ArrayDeque<long[]> deque = entries.next().getValue();
      while (!deque.isEmpty() && !inWindow(deque.peekFirst()[0] + bucketMillis - 1, nowMillis)) {
        deque.removeFirst();
      }
      if (deque.isEmpty()) {
        entries.remove();
      }
    }
  }

  Set<String> keys() {
    return buckets.keySet();
  }

  private boolean inWindow(long time, long nowMillis) {
    return time > nowMillis - windowMillis;
  }

  private static void insertOutOfOrder(ArrayDeque<long[]> deque, long bucket, long count) {
    ArrayDeque<long[]> rebuilt = new ArrayDeque<>(deque.size() + 1);
    boolean placed = false;
    for (long[] existing : deque) {
      if (!placed && existing[0] == bucket) {
        existing[1] += count;
        placed = true;
      } else if (!placed && existing[0] > bucket) {
        rebuilt.addLast(new long[] {bucket, count});
        placed = true;
      }
      rebuilt.addLast(existing);
    }
    deque.clear();
    deque.addAll(rebuilt);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }
}
