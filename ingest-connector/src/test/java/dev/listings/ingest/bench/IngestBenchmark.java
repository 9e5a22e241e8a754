package dev.listings.ingest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.ingest.testing.HeapWatch;
import dev.listings.ingest.testing.IngestStack;
import dev.listings.ingest.testing.Listings;
import dev.listings.ingest.testing.TopicReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Ingests one generated JSON lines object of {@code lines} listings (default 1,000,000; about 190 bytes each) from
 * the embedded S3 into the embedded broker through the embedded Connect worker with exactly-once source support, one
 * task, and reports lines per second and the heap of this JVM (which also runs the broker, S3 and the worker).
 *
 * <p>Run with {@code ./mvnw -pl ingest-connector test-compile exec:exec@bench} ({@code -Dbench.lines=N},
 * {@code -Dbench.heap=256m}); an optional second argument pads every line to that many bytes (at least 256).
 */
public final class IngestBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofMinutes(10);
  private static final String KEY = "bench/listings.jsonl";

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
      System.gc();

      JsonNode audit;
      AtomicLong raw = new AtomicLong();
      Instant start;
      Instant done;
      try (HeapWatch heap = HeapWatch.start()) {
        start = Instant.now();
        stack.worker().createOrReplaceConnector("bench", config);
        try (TopicReader audits = new TopicReader(stack.bootstrapServers(), "audit-bench")) {
          List<JsonNode> found = new ArrayList<>();
          audits.readUntil(() -> !found.isEmpty(), WAIT, r -> found.add(read(r.value())));
          audit = found.get(0);
        }
        done = Instant.now();
        try (TopicReader records = new TopicReader(stack.bootstrapServers(), "raw-bench")) {
          records.readToEnd(WAIT, r -> raw.incrementAndGet());
        }
        report(lines, size, etag, upload, audit, raw.get(), Duration.between(start, done), heap);
      }
    }
  }

  private static void report(long lines, long size, String etag, Duration upload, JsonNode audit, long raw,
      Duration endToEnd, HeapWatch heap) {
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
    System.out.printf("audit event        status %s, lines %,d, bytes %,d%n", audit.get("status").asText(),
        audit.get("lines").asLong(), audit.get("bytes").asLong());
    System.out.printf("records in topic   %,d (read_committed)%n", raw);
    System.out.printf("reading (task)     %.1f s  -> %,.0f lines/s, %.1f MiB/s (audit started_at..finished_at)%n",
        seconds(reading), lines / seconds(reading), size / 1048576.0 / seconds(reading));
    System.out.printf("end to end         %.1f s  -> %,.0f lines/s (connector created .. audit event committed)%n",
        seconds(endToEnd), lines / seconds(endToEnd));
    System.out.printf("heap during run    peak used %d MiB, peak live after GC %d MiB%n", heap.peakUsed() >> 20,
        heap.peakLive() >> 20);
    if (audit.get("lines").asLong() != lines || raw != lines) {
      System.out.println("MISMATCH: not every line arrived exactly once");
      System.exit(1);
    }
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
