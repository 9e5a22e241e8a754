package dev.listings.ingest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.ingest.S3SourceTaskConfig;
import dev.listings.ingest.aws.AwsClients;
import dev.listings.ingest.task.Ingestor;
import dev.listings.ingest.task.Ingestors;
import dev.listings.ingest.testing.HeapWatch;
import dev.listings.ingest.testing.IngestStack;
import dev.listings.ingest.testing.Listings;
import dev.listings.ingest.testing.MemoryOffsets;
import dev.listings.ingest.testing.TopicReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Ingests one generated JSON lines object of {@code lines} listings (default 1,000,000; about 190 bytes each) from
 * the embedded S3 into the embedded broker through the embedded Connect worker with exactly-once source support, one
 * task, and reports lines per second and the heap of this JVM (which also runs the broker, S3 and the worker). It
 * first runs the task alone on the same object (S3 over HTTP to raw records, without Connect and Kafka), which is the
 * connector's own rate; the run through Connect adds the worker, the transactional producer and the broker, all on the
 * same cores.
 *
 * <p>Run with {@code ./mvnw -pl ingest-connector test-compile exec:exec@bench} ({@code -Dbench.lines=N},
 * {@code -Dbench.heap=256m}); an optional second argument pads every line to that many bytes (at least 256).
 */
public final class IngestBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofMinutes(10);
  private static final String KEY = "bench/listings.jsonl";
  private static final String DEFAULT_PRODUCER = "batch.size=1048576,linger.ms=20";

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    long lines = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    int width = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    Path dir = Files.createTempDirectory("ingest-bench");
    try {
      run(dir, lines, width);
    } finally {
      delete(dir);
    }
    System.exit(0);
  }

  private static void run(Path dir, long lines, int width) throws Exception {
    try (IngestStack stack = IngestStack.start(dir)) {
      long size = Listings.size(lines, width);
      Instant uploadStart = Instant.now();
      String etag = stack.put(KEY, () -> Listings.stream(lines, width), size);
      Duration upload = Duration.between(uploadStart, Instant.now());
      Map<String, String> config = stack.connectorConfig("raw-bench", "audit-bench", "bench/");
      TaskOnly taskOnly = taskOnly(config, lines);
      // The producer settings the README recommends for this connector: larger batches, fewer requests.
      for (String setting : System.getProperty("bench.producer", DEFAULT_PRODUCER).split(",")) {
        if (!setting.isBlank()) {
          String[] pair = setting.split("=", 2);
          config.put("producer.override." + pair[0].trim(), pair[1].trim());
        }
      }
      // Connector settings to try, e.g. -Dbench.connector=batch.max.records=50000
      for (String setting : System.getProperty("bench.connector", "").split(",")) {
        if (!setting.isBlank()) {
          String[] pair = setting.split("=", 2);
          config.put(pair[0].trim(), pair[1].trim());
        }
      }
      System.gc();

      JsonNode audit;
      AtomicLong raw = new AtomicLong();
      Instant start;
      Instant done;
      try (HeapWatch heap = HeapWatch.start()) {
        long cpuStart = cpuNanos();
        start = Instant.now();
        stack.worker().createOrReplaceConnector("bench", config);
        try (TopicReader audits = new TopicReader(stack.bootstrapServers(), "audit-bench")) {
          List<JsonNode> found = new ArrayList<>();
          audits.readUntil(() -> !found.isEmpty(), WAIT, r -> found.add(read(r.value())));
          audit = found.get(0);
        }
        done = Instant.now();
        long cpu = cpuNanos() - cpuStart;
        try (TopicReader records = new TopicReader(stack.bootstrapServers(), "raw-bench")) {
          records.readToEnd(WAIT, r -> raw.incrementAndGet());
        }
        report(lines, size, etag, upload, taskOnly, audit, raw.get(), Duration.between(start, done), cpu, heap);
      }
    }
  }

  /** What the task alone did: lines, time, CPU time of the whole JVM. */
  private record TaskOnly(long lines, Duration time, long cpuNanos) {}

  /**
   * The task alone, as Connect drives it but without Connect and Kafka: the real ingestor and AWS SDK client read the
   * object from S3 over HTTP and build the raw records with headers and offsets; each batch is "committed" in memory.
   */
  private static TaskOnly taskOnly(Map<String, String> connectorConfig, long lines) throws InterruptedException {
    Map<String, String> props = new HashMap<>(S3SourceTaskConfig.forTask(connectorConfig, 0, 1));
    MemoryOffsets offsets = new MemoryOffsets();
    long sent = 0;
    long cpuStart = cpuNanos();
    Instant start = Instant.now();
    try (Ingestor ingestor = Ingestors.create(new S3SourceTaskConfig(props), offsets, null, AwsClients.s3(),
        AwsClients.sqs(), Clock.systemUTC())) {
      boolean audited = false;
      while (!audited) {
        List<SourceRecord> batch = ingestor.poll();
        if (batch == null) {
          continue;
        }
        offsets.commit(batch);
        for (SourceRecord record : batch) {
          if (record.topic().equals(connectorConfig.get("audit.topic"))) {
            audited = true;
          } else {
            sent++;
          }
          ingestor.committed(record);
        }
      }
    }
    Duration time = Duration.between(start, Instant.now());
    if (sent != lines) {
      throw new IllegalStateException("The task alone sent " + sent + " of " + lines + " lines");
    }
    return new TaskOnly(sent, time, cpuNanos() - cpuStart);
  }

  private static void report(long lines, long size, String etag, Duration upload, TaskOnly taskOnly, JsonNode audit,
      long raw, Duration endToEnd, long cpuNanos, HeapWatch heap) {
    Duration reading = Duration.between(Instant.parse(audit.get("started_at").asText()),
        Instant.parse(audit.get("finished_at").asText()));
    Runtime runtime = Runtime.getRuntime();
    System.out.println();
    System.out.println("=== ingest-connector benchmark ===");
    System.out.printf("machine            %d cores, %s %s, Java %s%n", runtime.availableProcessors(),
        System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
    System.out.printf("heap (-Xmx)        %d MiB; JVM args %s%n", runtime.maxMemory() >> 20,
        ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.printf("object             %,d lines, %,d bytes (%.1f MiB), ETag %s%n", lines, size,
        size / 1048576.0, etag);
    System.out.printf("upload to S3       %.1f s%n", upload.toMillis() / 1000.0);
    System.out.printf("task alone         %.1f s  -> %,.0f lines/s, %.1f MiB/s; CPU %.1f s (%,.0f lines per CPU-second)%n",
        seconds(taskOnly.time()), lines / seconds(taskOnly.time()), size / 1048576.0 / seconds(taskOnly.time()),
        taskOnly.cpuNanos() / 1e9, lines / (taskOnly.cpuNanos() / 1e9));
    System.out.println("through Connect, exactly once, into the embedded broker (producer "
        + System.getProperty("bench.producer", DEFAULT_PRODUCER) + "):");
    System.out.printf("audit event        status %s, lines %,d, bytes %,d%n", audit.get("status").asText(),
        audit.get("lines").asLong(), audit.get("bytes").asLong());
    System.out.printf("records in topic   %,d (read_committed)%n", raw);
    System.out.printf("reading (task)     %.1f s  -> %,.0f lines/s, %.1f MiB/s (audit started_at..finished_at)%n",
        seconds(reading), lines / seconds(reading), size / 1048576.0 / seconds(reading));
    System.out.printf("end to end         %.1f s  -> %,.0f lines/s (connector created .. audit event committed)%n",
        seconds(endToEnd), lines / seconds(endToEnd));
    double cpuSeconds = cpuNanos / 1e9;
    System.out.printf("CPU (whole JVM)    %.1f s over %.1f s: %.2f cores busy; %,.0f lines per CPU-second%n",
        cpuSeconds, seconds(endToEnd), cpuSeconds / seconds(endToEnd), lines / cpuSeconds);
    System.out.printf("load average       %.2f (1 min, at the end)%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf("heap during run    peak used %d MiB, peak live after GC %d MiB%n", heap.peakUsed() >> 20,
        heap.peakLive() >> 20);
    if (audit.get("lines").asLong() != lines || raw != lines) {
      System.out.println("MISMATCH: not every line arrived exactly once");
      System.exit(1);
    }
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double seconds(Duration duration) {
    return Math.max(duration.toMillis(), 1) / 1000.0;
  }

  private static JsonNode read(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
