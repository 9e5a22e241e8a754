package dev.listings.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.listings.infra.EmbeddedSqs;
import dev.listings.local.generate.ListingGenerator;
import dev.listings.local.run.Ledger;
import dev.listings.local.run.LedgerWatcher;
import dev.listings.local.run.ObjectRef;
import dev.listings.local.run.PipelineRun;
import dev.listings.local.run.Progress;
import dev.listings.local.run.Uploader;
import dev.listings.local.stack.LandingConnector;
import dev.listings.local.stack.LocalStack;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * End-to-end latency of the running local stack at a steady input rate: small objects of generated listings are
 * uploaded to the landing bucket on a fixed schedule while a {@code read_committed} consumer in the same JVM (same
 * clock) watches the raw, curated and use-case topics. Each line's arrival is the moment its object's PUT returned
 * (the object exists in the bucket, which is when S3 would announce it).
 *
 * <p>Per line it measures when the line became visible to a consumer: as a raw record (connector, exactly-once
 * transaction committed), as a curated record (cleaner committed), as an update of its price-per-sqm group (use cases
 * committed, after their repartition by group) and, for lines that change a listing's price, as a price-change event.
 * A curated record also carries the connector's {@code ingest.ts}: the start of the poll that read the line, so
 * {@code ingest.ts -> curated} is the cleaner's share plus the connector's read and commit (a poll may start waiting on
 * the queue or listing before the object exists, so {@code upload -> ingest.ts} can be slightly negative). A
 * price-per-sqm group's k-th update is matched with the k-th curated line of that group in arrival order (each
 * curated line adds exactly one observation to its group on a fresh stack), so its latency is how long the statistics
 * lag the arrivals; price-change events name their source line and are matched exactly.
 *
 * <p>The first {@code warmup} of feeding (JIT compilation, first transactions, registry look-ups) is fed and processed
 * like the rest but not counted.
 */
public final class LatencyBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "bench/latency/";
  private static final long HIGHEST_MS = TimeUnit.HOURS.toMillis(1);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);

  /** How the connector finds new objects. */
  public enum Discovery {
    /** The stack's own setting: the connector lists the bucket ({@code poll.interval.ms} 250). */
    LISTING,
    /**
     * Event mode: S3 event notifications through an SQS queue (ElasticMQ in this JVM). S3Proxy sends no notifications,
     * so the feeder sends the one S3 would, right after each PUT returns.
     */
    SQS
  }

  /** What to feed and how. */
  public record Settings(
      int linesPerSecond, int objectLines, Duration duration, Duration warmup, Discovery discovery, long seed) {
    public Settings {
      if (linesPerSecond < 1 || objectLines < 1 || objectLines > linesPerSecond * 10L) {
        throw new IllegalArgumentException("need at least 1 line/s and 1 line per object, and at least one object "
            + "every 10 s");
      }
      if (duration.isNegative() || duration.isZero() || warmup.isNegative()) {
        throw new IllegalArgumentException("duration must be positive, warm-up zero or positive");
      }
    }

    double objectsPerSecond() {
      return (double) linesPerSecond / objectLines;
    }

    long periodNanos() {
      return Math.round(1e9 * objectLines / linesPerSecond);
    }

    int warmupObjects() {
      return (int) Math.round(warmup.toMillis() / 1000.0 * objectsPerSecond());
    }

    int measuredObjects() {
      return Math.max(1, (int) Math.round(duration.toMillis() / 1000.0 * objectsPerSecond()));
    }
  }

  /** One latency: a histogram in milliseconds. */
  public record Stage(String name, Histogram histogram) {}

  /** What a run measured. */
  public record Report(
      Settings settings,
      long linesFed,
      int objectsFed,
      double feedSeconds,
      long curated,
      long rejected,
      long duplicates,
      long priceChanges,
      Histogram putMillis,
      long maxScheduleLagMillis,
      List<Stage> stages,
      long clampedSamples,
      double loadBefore,
      double loadAfter,
      boolean tableSink,
      long recordCacheBytes) {

    public Stage stage(String name) {
      return stages.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
  }

  public static final String TO_INGEST = "upload -> ingest.ts (connector poll start)";
  public static final String TO_RAW = "upload -> raw record committed";
  public static final String TO_CURATED = "upload -> curated record committed";
  public static final String INGEST_TO_CURATED = "ingest.ts -> curated record committed";
  public static final String TO_PRICE_PER_SQM = "upload -> price-per-sqm update committed";
  public static final String TO_PRICE_CHANGE = "upload -> price-change event committed";

  private final LocalStack stack;
  private final Settings settings;
  private final PrintStream out;

  public LatencyBenchmark(LocalStack stack, Settings settings, PrintStream out) {
    this.stack = stack;
    this.settings = settings;
    this.out = out;
  }

  /**
   * Switches the stack's landing connector to event mode on {@code sqs}: creates the queue and replaces the
   * connector's discovery settings through the Connect REST API, then waits for its task to run again.
   *
   * @return the queue URL, to which the feeder sends the notifications
   */
  public static String useEventMode(LocalStack stack, EmbeddedSqs sqs) throws IOException, InterruptedException {
    String queueUrl = sqs.createQueue("landing-events");
    HttpClient http = HttpClient.newHttpClient();
    URI connector = URI.create(stack.endpoints().connectRestUrl()).resolve("/connectors/" + LandingConnector.NAME + "/");
    JsonNode current = JSON.readTree(send(http, HttpRequest.newBuilder(connector.resolve("config")).GET().build()));
    ObjectNode config = (ObjectNode) current;
    config.put("discovery.mode", "sqs");
    config.put("sqs.queue.url", queueUrl);
    config.put("sqs.endpoint", sqs.endpoint().toString());
    // Pause after an empty receive; each receive already waits (long polling) for a message.
    config.put("poll.interval.ms", "100");
    send(http, HttpRequest.newBuilder(connector.resolve("config"))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(config.toString()))
        .build());
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      Thread.sleep(500);
      JsonNode status = JSON.readTree(send(http, HttpRequest.newBuilder(connector.resolve("status")).GET().build()));
      JsonNode tasks = status.path("tasks");
      if (tasks.size() > 0 && "RUNNING".equals(tasks.get(0).path("state").asText())) {
        JsonNode taskConfig = JSON.readTree(send(http,
            HttpRequest.newBuilder(connector.resolve("tasks")).GET().build()));
        if (taskConfig.toString().contains(queueUrl)) {
          return queueUrl;
        }
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("The landing connector did not restart in event mode: " + status);
      }
    }
  }

  private static String send(HttpClient http, HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IOException("Connect REST " + request.method() + " " + request.uri() + ": HTTP "
          + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  /**
   * Feeds the stack for warm-up plus duration, waits until every line is accounted for and every use-case update is
   * visible, and returns the latencies.
   *
   * @param sqs the queue to announce objects on (event mode), or null (listing mode)
   * @param queueUrl its URL, or null
   */
  public Report run(EmbeddedSqs sqs, String queueUrl) throws Exception {
    int warmupObjects = settings.warmupObjects();
    int total = warmupObjects + settings.measuredObjects();
    Progress progress = new Progress(out);
    progress.update("generating " + total + " objects of " + settings.objectLines() + " lines");
    List<byte[]> bodies = generate(total);
    long linesFed = (long) total * settings.objectLines();
    progress.done(String.format(Locale.ROOT, "Generated %,d lines in %,d objects (seed %d)", linesFed, total,
        settings.seed()));

    AtomicLongArray arrivals = new AtomicLongArray(total);
    LatencyTail tail = new LatencyTail(stack.endpoints(), arrivals, warmupObjects);
    Thread tailThread = new Thread(tail, "latency-tail");
    tailThread.setDaemon(true);
    tailThread.start();
    tail.awaitAssigned();

    List<ObjectRef> objects = new ArrayList<>();
    Histogram putMillis = new Histogram(HIGHEST_MS, 3);
    AtomicLong maxLag = new AtomicLong();
    long feedStarted;
    long feedEnded;
    double loadBefore;
    try (LedgerWatcher watcher = new LedgerWatcher(stack.endpoints().kafkaBootstrapServers());
        S3Client s3 = s3Client();
        SqsClient notifications = sqs == null ? null : sqsClient(sqs)) {
      ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "latency-feeder");
        t.setDaemon(true);
        return t;
      });
      AtomicInteger next = new AtomicInteger();
      AtomicLong failures = new AtomicLong();
      String[] etags = new String[total];
      long period = settings.periodNanos();
      loadBefore = systemLoad();
      feedStarted = System.nanoTime();
      long startMillis = System.currentTimeMillis();
      scheduler.scheduleAtFixedRate(() -> {
        int i = next.getAndIncrement();
        if (i >= total) {
          return;
        }
        long planned = feedStarted + i * period;
        maxLag.accumulateAndGet(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - planned), Math::max);
        String key = key(i);
        try {
          long putStart = System.nanoTime();
          String etag = Uploader.unquote(s3.putObject(b -> b.bucket(stack.endpoints().landingBucket()).key(key),
              RequestBody.fromBytes(bodies.get(i))).eTag());
          arrivals.set(i, System.currentTimeMillis());
          synchronized (putMillis) {
            putMillis.recordValue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - putStart));
          }
          etags[i] = etag;
          if (notifications != null) {
            notifications.sendMessage(b -> b.queueUrl(queueUrl)
                .messageBody(notification(stack.endpoints().landingBucket(), key, etag, bodies.get(i).length)));
          }
        } catch (RuntimeException e) {
          failures.incrementAndGet();
          throw e;
        }
      }, 0, period, TimeUnit.NANOSECONDS);
      while (next.get() < total && failures.get() == 0) {
        long elapsed = System.currentTimeMillis() - startMillis;
        int uploaded = Math.min(next.get(), total);
        progress.update(String.format(Locale.ROOT, "feeding %s: %d/%d objects uploaded, %,d curated seen",
            uploaded < warmupObjects ? "(warm-up)" : "(measuring)", uploaded, total, tail.curatedSeen()));
        Thread.sleep(Math.max(10, Math.min(500, 1000 - elapsed % 1000)));
      }
      scheduler.shutdown();
      if (!scheduler.awaitTermination(60, TimeUnit.SECONDS) || failures.get() > 0) {
        throw new IllegalStateException("Feeding failed: " + failures.get() + " upload(s) failed (see the log)");
      }
      feedEnded = System.nanoTime();
      double loadAfter = systemLoad();
      progress.done(String.format(Locale.ROOT, "Fed %,d lines in %d objects in %.1f s (%,.0f lines/s)", linesFed,
          total, (feedEnded - feedStarted) / 1e9, linesFed / ((feedEnded - feedStarted) / 1e9)));
      for (int i = 0; i < total; i++) {
        objects.add(new ObjectRef(stack.endpoints().landingBucket(), key(i), etags[i]));
      }
      Map<ObjectRef, Ledger.ObjectCounts> counts =
          new PipelineRun(stack, watcher, progress, DRAIN_TIMEOUT).awaitAccounted(objects, startMillis);
      long curated = counts.values().stream().mapToLong(Ledger.ObjectCounts::curated).sum();
      long rejected = counts.values().stream().mapToLong(Ledger.ObjectCounts::rejected).sum();
      long duplicates = counts.values().stream().mapToLong(Ledger.ObjectCounts::duplicates).sum();
      long deadline = System.currentTimeMillis() + DRAIN_TIMEOUT.toMillis();
      while (tail.curatedSeen() < curated || tail.pricePerSqmSeen() < curated) {
        progress.update(String.format(Locale.ROOT, "waiting for the last outputs: curated %,d/%,d, price-per-sqm "
            + "updates %,d/%,d", tail.curatedSeen(), curated, tail.pricePerSqmSeen(), curated));
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("Not every curated line reached the use cases: curated seen "
              + tail.curatedSeen() + ", price-per-sqm updates seen " + tail.pricePerSqmSeen() + " of " + curated);
        }
        Thread.sleep(100);
      }
      // Price changes are committed no later than the price-per-sqm updates of the same lines (one hop fewer).
      Thread.sleep(500);
      tail.stop();
      tailThread.join(10_000);
      progress.done("Every line accounted for and visible in the use cases.");
      List<Stage> stages = tail.stages();
      return new Report(settings, linesFed, total, (feedEnded - feedStarted) / 1e9, curated, rejected, duplicates,
          tail.priceChangesSeen(), putMillis, maxLag.get(), stages, tail.clamped(), loadBefore, loadAfter,
          stack.options().tableSink(), stack.options().recordCacheBytes());
    } finally {
      tail.stop();
    }
  }

  /** The machine's load average over the last minute (other work on the machine skews the figures). */
  private static double systemLoad() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private List<byte[]> generate(int objects) {
    ListingGenerator generator = new ListingGenerator(settings.seed(), ListingGenerator.Mix.realistic());
    List<byte[]> bodies = new ArrayList<>(objects);
    StringBuilder text = new StringBuilder(settings.objectLines() * 160);
    for (int i = 0; i < objects; i++) {
      text.setLength(0);
      for (int line = 0; line < settings.objectLines(); line++) {
        text.append(generator.nextLine()).append('\n');
      }
      bodies.add(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    return bodies;
  }

  private static String key(int index) {
    return String.format(Locale.ROOT, "%sobj-%07d.jsonl", PREFIX, index);
  }

  /** The object index in a key written by {@link #key}, or -1 for other keys. */
  static int indexOf(String key) {
    int at = key.indexOf(PREFIX + "obj-");
    if (at < 0) {
      return -1;
    }
    int from = at + PREFIX.length() + 4;
    int to = key.indexOf('.', from);
    try {
      return Integer.parseInt(key.substring(from, to < 0 ? key.length() : to));
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      return -1;
    }
  }

  /** The S3 event notification (as S3 sends it to SQS) for a created object. */
  static String notification(String bucket, String key, String etag, long size) {
    ObjectNode record = JSON.createObjectNode()
        .put("eventVersion", "2.1")
        .put("eventSource", "aws:s3")
        .put("eventTime", Instant.now().toString())
        .put("eventName", "ObjectCreated:Put");
    ObjectNode s3 = record.putObject("s3").put("s3SchemaVersion", "1.0").put("configurationId", "landing-events");
    s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
    s3.putObject("object").put("key", URLEncoder.encode(key, StandardCharsets.UTF_8)).put("size", size)
        .put("eTag", etag);
    ObjectNode body = JSON.createObjectNode();
    body.putArray("Records").add(record);
    return body.toString();
  }

  private S3Client s3Client() {
    return S3Client.builder()
        .endpointOverride(stack.endpoints().s3Uri())
        .forcePathStyle(true)
        .region(Region.of(stack.endpoints().s3Region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(stack.endpoints().s3AccessKey(), stack.endpoints().s3SecretKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  private static SqsClient sqsClient(EmbeddedSqs sqs) {
    return SqsClient.builder()
        .endpointOverride(sqs.endpoint())
        .region(Region.of(sqs.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  /** Prints a report as a table of percentiles in milliseconds. */
  public static void print(Report report, PrintStream out) {
    Settings s = report.settings();
    out.printf(Locale.ROOT, "%nEnd-to-end latency at %,d lines/s (%,.1f objects of %,d lines per second) for %d s "
            + "after %d s of warm-up; discovery %s; table sink %s; record cache %d MiB; %d cores, Java %s, max heap %d "
            + "MiB%n",
        s.linesPerSecond(), s.objectsPerSecond(), s.objectLines(), s.duration().toSeconds(), s.warmup().toSeconds(),
        s.discovery().name().toLowerCase(Locale.ROOT), report.tableSink() ? "on" : "off (--no-table-sink)",
        report.recordCacheBytes() >> 20,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);
    out.printf(Locale.ROOT, "Fed %,d lines in %d objects in %.1f s; curated %,d, rejected %,d, duplicates %,d; "
            + "%,d price changes%n", report.linesFed(), report.objectsFed(), report.feedSeconds(), report.curated(),
        report.rejected(), report.duplicates(), report.priceChanges());
    out.printf(Locale.ROOT, "Machine load average (1 min) %.1f when feeding started, %.1f when it ended%n",
        report.loadBefore(), report.loadAfter());
    out.printf(Locale.ROOT, "Upload PUT p50 %d ms, p99 %d ms, max %d ms; most behind schedule %d ms%n",
        report.putMillis().getValueAtPercentile(50), report.putMillis().getValueAtPercentile(99),
        report.putMillis().getMaxValue(), report.maxScheduleLagMillis());
    out.printf(Locale.ROOT, "%n%-44s %9s %7s %7s %7s %7s %7s%n", "latency (ms), warm-up excluded", "lines", "p50",
        "p90", "p99", "p99.9", "max");
    for (Stage stage : report.stages()) {
      Histogram h = stage.histogram();
      out.printf(Locale.ROOT, "%-44s %,9d %7d %7d %7d %7d %7d%n", stage.name(), h.getTotalCount(),
          h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
          h.getValueAtPercentile(99.9), h.getMaxValue());
    }
    if (report.clampedSamples() > 0) {
      out.printf(Locale.ROOT, "(%d sample(s) below zero counted as 0: ingest.ts is when the connector's poll began, "
          + "and that poll may have begun waiting on the queue, or listing, before the object's PUT returned)%n",
          report.clampedSamples());
    }
    long p99 = Math.max(report.stage(TO_PRICE_PER_SQM).histogram().getValueAtPercentile(99),
        report.stage(TO_PRICE_CHANGE).histogram().getValueAtPercentile(99));
    out.printf(Locale.ROOT, "%nTarget p99 upload -> use-case update <= 1000 ms: %s (p99 %d ms, the slower use case)%n",
        p99 <= 1000 ? "met" : "MISSED", p99);
  }

  static Histogram histogram() {
    return new Histogram(HIGHEST_MS, 3);
  }
}
