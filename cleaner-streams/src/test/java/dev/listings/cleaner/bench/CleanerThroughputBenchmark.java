package dev.listings.cleaner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.cleaner.streams.CleanerTopology;
import dev.listings.cleaner.streams.OutcomeListener;
import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.schemas.ProvenanceHeaders;
import dev.listings.schemas.registry.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Throughput of the cleaner topology against a pass-through topology (raw → out, nothing else) on one embedded KRaft
 * broker in this JVM, in the same run, on the same input: N raw lines shaped like the bundled sample (the sample's 207
 * lines repeated, each repetition with its own listing ids, so every repetition has the sample's mix of curated,
 * rejected and duplicate lines), grouped into source objects with the connector's provenance headers. Both
 * applications use the same byte-array serdes, {@code exactly_once_v2}, commit interval and thread count.
 *
 * <p>A run's rate is lines / (time all lines were processed − time Kafka Streams reached RUNNING): the cleaner's lines
 * are processed when its outcome listener has seen every line's outcome (after dedupe), the pass-through's when every
 * record has passed its one processor. Each run then waits for its committed output and checks it: the pass-through
 * wrote every line; the cleaner's ledger accounts for every line exactly (curated + rejected + duplicates = lines per
 * object) and curated and rejects hold exactly the ledger's counts.
 *
 * <p>Run (see the module README): {@code ./mvnw -B -pl cleaner-streams -Pbench test-compile exec:exec@throughput
 * -Dthroughput.args="--lines 200000"}. Options: {@code --lines N} (200000), {@code --partitions P} (raw topic
 * partitions, 2), {@code --object-lines L} (lines per source object, 10000), {@code --threads T} (stream threads per
 * application, 1), {@code --commit-ms C} (100), {@code --repeat R} (pairs of runs, alternating, 1), {@code --sample
 * PATH}.
 */
public final class CleanerThroughputBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RAW = "bench.raw";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);

  private final Options options;
  private final EmbeddedKafkaBroker broker;
  private final Path stateRoot;
  private int runs;

  private CleanerThroughputBenchmark(Options options, EmbeddedKafkaBroker broker, Path stateRoot) {
    this.options = options;
    this.broker = broker;
    this.stateRoot = stateRoot;
  }

  public static void main(String[] args) throws Exception {
    logWarningsOnly();
    Options options = Options.parse(args);
    Path dir = Files.createTempDirectory("cleaner-throughput");
    List<String> sample = Files.readAllLines(options.sample, StandardCharsets.UTF_8);
    System.out.printf(Locale.ROOT, "cleaner throughput: %d lines (sample of %d repeated), %d raw partitions, "
            + "%d lines per object, %d stream thread(s), commit.interval.ms=%d, exactly_once_v2; %d cores, "
            + "Java %s, max heap %d MiB%n", options.lines, sample.size(), options.partitions, options.objectLines,
        options.threads, options.commitMs, Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
      CleanerThroughputBenchmark bench = new CleanerThroughputBenchmark(options, broker, dir.resolve("state"));
      broker.createTopic(RAW, options.partitions, Map.of("retention.ms", "-1"));
      long produceStart = System.nanoTime();
      bench.produce(sample);
      System.out.printf(Locale.ROOT, "produced %d raw lines in %.1f s%n", options.lines,
          (System.nanoTime() - produceStart) / 1e9);

      List<Double> passThrough = new ArrayList<>();
      List<Double> cleaner = new ArrayList<>();
      for (int round = 1; round <= options.repeat; round++) {
        passThrough.add(bench.runPassThrough());
        cleaner.add(bench.runCleaner());
      }
      double pass = median(passThrough);
      double clean = median(cleaner);
      System.out.printf(Locale.ROOT, "%nRESULT pass-through %.0f lines/s, cleaner %.0f lines/s, ratio %.2f"
          + " (median of %d run(s) each)%n", pass, clean, clean / pass, options.repeat);
    }
  }

  /**
   * Warnings and errors to the console, nothing finer. Outside a Quarkus app the log manager starts with every level
   * enabled (buffering records for an app that never starts), which would have Kafka format its per-record trace
   * messages and distort the figures.
   */
  private static void logWarningsOnly() {
    java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
    for (Handler handler : root.getHandlers()) {
      root.removeHandler(handler);
    }
    ConsoleHandler console = new ConsoleHandler();
    console.setLevel(Level.WARNING);
    root.addHandler(console);
    root.setLevel(Level.WARNING);
  }

  /** The raw lines: the sample repeated, each repetition with its own ids, in objects of {@code objectLines}. */
  private void produce(List<String> sample) throws IOException {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    // Current time: records older than the broker's retention (7 days) would be deleted under the running apps.
    long ingestTs = System.currentTimeMillis();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (long i = 0; i < options.lines; i++) {
        int object = (int) (i / options.objectLines);
        long line = i % options.objectLines + 1;
        String key = String.format(Locale.ROOT, "bench/part-%05d.jsonl", object);
        String text = withRepetitionIds(sample.get((int) (i % sample.size())), i / sample.size());
        RecordHeaders headers = new RecordHeaders();
        headers.add(ProvenanceHeaders.SOURCE_BUCKET, utf8("landing"));
        headers.add(ProvenanceHeaders.SOURCE_KEY, utf8(key));
        headers.add(ProvenanceHeaders.SOURCE_ETAG, utf8("etag-" + object));
        headers.add(ProvenanceHeaders.SOURCE_LINE, utf8(Long.toString(line)));
        headers.add(ProvenanceHeaders.SOURCE_FORMAT, utf8("jsonl"));
        headers.add(ProvenanceHeaders.INGEST_TS, utf8(Long.toString(ingestTs)));
        producer.send(new ProducerRecord<>(RAW, null, ingestTs + i, utf8("s3://landing/" + key), utf8(text),
            headers));
      }
      producer.flush();
    }
  }

  /** The line with {@code -r<repetition>} appended to its text id; lines without one are sent as they are. */
  private static String withRepetitionIds(String line, long repetition) throws IOException {
    if (repetition == 0) {
      return line;
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(line);
    } catch (IOException e) {
      return line;
    }
    if (tree instanceof ObjectNode object && object.path("id").isTextual()) {
      object.put("id", object.get("id").asText() + "-r" + repetition);
      return JSON.writeValueAsString(object);
    }
    return line;
  }

  private double runPassThrough() throws Exception {
    String app = "bench-pass-through-" + (++runs);
    String out = app + ".out";
    broker.createTopic(out, options.partitions, Map.of());
    AtomicLong seen = new AtomicLong();
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(RAW, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .peek((key, value) -> seen.incrementAndGet())
        .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    return run("pass-through", app, builder.build(), Map.of(), seen::get, () -> {
      long written = readCommitted(out).size();
      check(written == options.lines, "pass-through wrote " + written + " of " + options.lines + " lines");
    });
  }

  private double runCleaner() throws Exception {
    String app = "bench-cleaner-" + (++runs);
    CleanerTopology.Topics topics =
        new CleanerTopology.Topics(RAW, app + ".curated", app + ".rejects", app + ".ledger");
    broker.createTopic(topics.curated(), options.partitions, Map.of());
    broker.createTopic(topics.rejects(), options.partitions, Map.of());
    broker.createTopic(topics.ledger(), 1, Map.of("cleanup.policy", "compact"));
    CountingListener outcomes = new CountingListener();
    String scope = "throughput-" + app;
    CleanerTopology cleaner = new CleanerTopology(topics, CleaningRules.defaults(),
        CleanerTopology.Settings.defaults(), Map.of("schema.registry.url", "mock://" + scope), Clock.systemUTC(),
        outcomes);
    try {
      // The ledger is published on a wall-clock interval, so it is read while the cleaner still runs.
      return run("cleaner", app, cleaner.build(), cleaner.requiredStreamsConfig(), outcomes::total, () -> {
        long[] ledger = awaitLedger(topics.ledger());
        long curated = readCommitted(topics.curated()).size();
        long rejects = readCommitted(topics.rejects()).size();
        System.out.printf(Locale.ROOT, "  cleaner ledger: %,d curated, %,d rejected, %,d duplicates; topics: %,d "
            + "curated, %,d rejects%n", ledger[0], ledger[1], ledger[2], curated, rejects);
        check(ledger[0] + ledger[1] + ledger[2] == options.lines, "the ledger accounts for "
            + (ledger[0] + ledger[1] + ledger[2]) + " of " + options.lines + " lines");
        check(curated == ledger[0] && rejects == ledger[1], "curated/rejects topics disagree with the ledger");
      });
    } finally {
      InMemorySchemaRegistryClient.dropScope(scope);
    }
  }

  /**
   * Runs one application until {@code processed} reaches the line count, then checks its committed output with
   * {@code verify} before closing it; returns lines per second.
   */
  private double run(String name, String app, Topology topology, Map<String, Object> required,
      Supplier<Long> processed, Check verify) throws Exception {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateRoot.resolve(app).toString());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.threads);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, options.commitMs);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    props.putAll(required);
    CountDownLatch running = new CountDownLatch(1);
    AtomicLong runningAt = new AtomicLong();
    try (KafkaStreams streams = new KafkaStreams(topology, props)) {
      streams.setStateListener((now, before) -> {
        if (now == KafkaStreams.State.RUNNING && runningAt.compareAndSet(0, System.nanoTime())) {
          running.countDown();
        }
      });
      streams.setUncaughtExceptionHandler(e -> {
        e.printStackTrace();
        return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
            .SHUTDOWN_CLIENT;
      });
      long startedAt = System.nanoTime();
      streams.start();
      check(running.await(2, TimeUnit.MINUTES), name + " did not reach RUNNING");
      long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
      long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (processed.get() < options.lines) {
        check(System.nanoTime() < deadline, name + " processed only " + processed.get() + " lines in " + RUN_TIMEOUT);
        check(streams.state() != KafkaStreams.State.ERROR && streams.state() != KafkaStreams.State.PENDING_ERROR,
            name + " failed");
        if (System.nanoTime() > nextReport) {
          System.out.printf(Locale.ROOT, "  %s: %,d of %,d lines processed (%s)%n", name, processed.get(),
              options.lines, streams.state());
          nextReport += TimeUnit.SECONDS.toNanos(10);
        }
        Thread.sleep(5);
      }
      long doneAt = System.nanoTime();
      double seconds = (doneAt - runningAt.get()) / 1e9;
      double rate = options.lines / seconds;
      System.out.printf(Locale.ROOT, "%-12s %,9d lines in %6.2f s = %,9.0f lines/s (start to RUNNING %.1f s)%n",
          name, options.lines, seconds, rate, (runningAt.get() - startedAt) / 1e9);
      verify.run();
      streams.close(Duration.ofSeconds(60));
      return rate;
    }
  }

  /** Curated, rejected and duplicates summed over the ledger (latest value per key), once it holds every line. */
  private long[] awaitLedger(String topic) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    Map<String, JsonNode> latest = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (true) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          latest.put(new String(record.key(), StandardCharsets.UTF_8), json(record.value()));
        }
        long[] sums = new long[3];
        for (JsonNode value : latest.values()) {
          sums[0] += value.path("curated").asLong();
          sums[1] += value.path("rejected").asLong();
          sums[2] += value.path("duplicates").asLong();
        }
        if (sums[0] + sums[1] + sums[2] >= options.lines || System.nanoTime() > deadline) {
          return sums;
        }
      }
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
    return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }

  private static JsonNode json(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new IllegalStateException("ledger value is not JSON", e);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  private interface Check {
    void run() throws Exception;
  }

  /** Counts outcomes as the cleaner decides them (after dedupe for accepted lines). */
  private static final class CountingListener implements OutcomeListener {
    private final AtomicLong count = new AtomicLong();

    @Override
    public void curated() {
      count.incrementAndGet();
    }

    @Override
    public void duplicate() {
      count.incrementAndGet();
    }

    @Override
    public void rejected(String reason) {
      count.incrementAndGet();
    }

    long total() {
      return count.get();
    }
  }

  private record Options(long lines, int partitions, int objectLines, int threads, int commitMs, int repeat,
      Path sample) {
    static Options parse(String[] args) {
      Map<String, String> values = new HashMap<>();
      for (int i = 0; i < args.length; i++) {
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("expected --option value pairs, got " + String.join(" ", args));
        }
        values.put(args[i].substring(2), args[++i]);
      }
      Options options = new Options(
          Long.parseLong(values.getOrDefault("lines", "200000")),
          Integer.parseInt(values.getOrDefault("partitions", "2")),
          Integer.parseInt(values.getOrDefault("object-lines", "10000")),
          Integer.parseInt(values.getOrDefault("threads", "1")),
          Integer.parseInt(values.getOrDefault("commit-ms", "100")),
          Integer.parseInt(values.getOrDefault("repeat", "1")),
          Path.of(values.getOrDefault("sample", "../data/sample/scraping_data.jsonl")));
      values.keySet().removeAll(List.of("lines", "partitions", "object-lines", "threads", "commit-ms", "repeat",
          "sample"));
      if (!values.isEmpty()) {
        throw new IllegalArgumentException("unknown options " + values.keySet());
      }
      return options;
    }
  }
}
