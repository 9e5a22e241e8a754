package dev.listings.infra;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * CPU time spent by a Kafka Streams application's stream threads, and by the whole JVM, between {@link #start} and
 * {@link #perLine}: on a shared or noisy machine the CPU a topology spends per record is a steadier measure of its
 * cost than its wall-clock rate, which also depends on the broker, the commits and the other processes.
 */
public final class StreamsCpuClock {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final String applicationId;
  private final long streamThreadsAtStart;
  private final long processAtStart;
  private final long jitMillisAtStart;

  private StreamsCpuClock(String applicationId) {
    this.applicationId = applicationId;
    this.streamThreadsAtStart = streamThreadsCpuNanos(applicationId);
    this.processAtStart = processCpuNanos();
    this.jitMillisAtStart = jitMillis();
  }

  /** Starts counting for the stream threads of {@code applicationId} (threads named {@code <id>-...-StreamThread-n}). */
  public static StreamsCpuClock start(String applicationId) {
    return new StreamsCpuClock(applicationId);
  }

  /** CPU nanoseconds of the application's stream threads since {@link #start}. */
  public long streamThreadsNanos() {
    return streamThreadsCpuNanos(applicationId) - streamThreadsAtStart;
  }

  /** CPU nanoseconds of the whole JVM since {@link #start}, or -1 when the platform does not tell. */
  public long processNanos() {
    long now = processCpuNanos();
    return now < 0 || processAtStart < 0 ? -1 : now - processAtStart;
  }

  /** Milliseconds the JIT compiler threads worked since {@link #start}, or -1 when the JVM does not tell. */
  public long jitCompileMillis() {
    long now = jitMillis();
    return now < 0 || jitMillisAtStart < 0 ? -1 : now - jitMillisAtStart;
  }

  /** For example {@code "stream threads 12.3 µs CPU/record, JVM 30.1 µs CPU/record, JIT compiling 0.4 s"}. */
  public String perLine(long records) {
    long process = processNanos();
    long jit = jitCompileMillis();
    return String.format(Locale.ROOT, "stream threads %.1f µs CPU/record, JVM %s, JIT compiling %s",
        streamThreadsNanos() / 1e3 / records,
        process < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f µs CPU/record", process / 1e3 / records),
        jit < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f s", jit / 1e3));
  }

  private static long jitMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
  }

  private static long streamThreadsCpuNanos(String applicationId) {
    long total = 0;
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String name = thread.getName();
      if (name.startsWith(applicationId + "-") && name.contains("-StreamThread-")) {
        long cpu = THREADS.getThreadCpuTime(thread.getId());
        if (cpu > 0) {
          total += cpu;
        }
      }
    }
    return total;
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
