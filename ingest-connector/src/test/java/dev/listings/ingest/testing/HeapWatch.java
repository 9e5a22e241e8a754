package dev.listings.ingest.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples this JVM's heap while it runs: the peak of heap in use (garbage included), and the peak of what the
 * collectors left after their runs (live data), which is the figure that stays flat when nothing is held.
 */
public final class HeapWatch implements AutoCloseable {
  private static final long INTERVAL_MS = 20;

  private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(p -> p.getType() == MemoryType.HEAP).toList();
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakLive = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  private HeapWatch() {
    sampler = new Thread(this::sample, "heap-watch");
    sampler.setDaemon(true);
  }

  public static HeapWatch start() {
    HeapWatch watch = new HeapWatch();
    watch.sampler.start();
    return watch;
  }

  private void sample() {
    while (running) {
      long used = 0;
      long live = 0;
      for (MemoryPoolMXBean pool : pools) {
        used += pool.getUsage().getUsed();
        MemoryUsage afterGc = pool.getCollectionUsage();
        live += afterGc == null ? 0 : afterGc.getUsed();
      }
      peakUsed.accumulateAndGet(used, Math::max);
      peakLive.accumulateAndGet(live, Math::max);
      try {
        Thread.sleep(INTERVAL_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Most heap in use at one sample, garbage included. */
  public long peakUsed() {
    return peakUsed.get();
  }

  /** Most heap left in use right after a collection: live data plus what the collector chose to keep. */
  public long peakLive() {
    return peakLive.get();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    sampler.interrupt();
    sampler.join();
  }
}
