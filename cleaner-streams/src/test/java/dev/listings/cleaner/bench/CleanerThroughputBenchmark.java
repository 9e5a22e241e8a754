package dev.listings.cleaner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.cleaner.streams.CleanerTopology;
import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.infra.StreamsCpuClock;
import dev.listings.schemas.ProvenanceHeaders;
import dev.listings.schemas.RawRecordKeys;
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
import java.util.function.BooleanSupplier;
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
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Throughput of the cleaner topology against a pass-through topology (raw → out, nothing else) on one embedded KRaft
 * broker in this JVM, in the same run, on the same input: N raw lines shaped like the bundled sample (the sample's 207
 * lines repeated, each repetition with its own listing ids, so every repetition has the sample's mix of curated,
 * rejected and duplicate lines), grouped into source objects with the connector's provenance headers. Both
 * applications use the same byte-array serdes, {@code exactly_once_v2}, commit interval and thread count.
 *
 * <p>A run's rate is lines / (time the last output record became visible to a {@code read_committed} consumer − time
 * Kafka Streams reached RUNNING), so it counts committed, exactly-once work only; a consumer tails the outputs during
 * the run. The pass-through is done when all lines are on its output topic. The cleaner is done when its ledger accounts
 * for every line (curated + rejected + duplicates = lines) and the curated and rejects topics hold exactly the ledger's
 * counts; its end time is the last curated or reject record's (the ledger itself is published on a 1 s interval).
 *
 * <p>Run (see the module README): {@code ./mvnw -B -pl cleaner-streams -Pbench test-compile exec:exec@throughput
 * -Dthroughput.args="--lines 200000"}. Options: {@code --lines N} (200000), {@code --partitions P} (raw topic
 * partitions, 2), {@code --object-lines L} (lines per source object, 10000), {@code --threads T} (stream threads per
 * application, 1), {@code --commit-ms C} (100), {@code --warmup W} (untimed rounds of both first, so that both run
 * JIT-compiled code, 1), {@code --repeat R} (measured rounds, each pass-through then cleaner; medians, 1), {@code
 * --repartition-baseline true} (also a pass-through with one repartition in each measured round: the Kafka work of the
 * cleaner's two sub-topologies without the cleaning, false), {@code --sample PATH}.
 */
public final class CleanerThroughputBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RAW = "bench.raw";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);
  private static final List<String> QUIET_LOGGERS =
      List.of("kafka.server.ReplicaManager", "org.apache.kafka.clients.producer.internals.Sender");
  /** Strong references, so that the levels set on these loggers are not lost with them. */
  private static final List<java.util.logging.Logger> KEPT_LOGGERS = new ArrayList<>();

  private final Options options;
  private final EmbeddedKafkaBroker broker;
  private final Path stateRoot;
  private int runs;

  /** Stream-thread CPU µs per line of each measured or warm-up run, by benchmark name. */
  private final Map<String, List<Double>> streamCpuPerLine = new HashMap<>();

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

      for (int round = 1; round <= options.warmup; round++) {
        System.out.printf(Locale.ROOT, "warm-up round %d of %d (not counted)%n", round, options.warmup);
        bench.runPassThrough();
        bench.runCleaner();
      }
      List<Double> passThrough = new ArrayList<>();
      List<Double> repartitioned = new ArrayList<>();
      List<Double> cleaner = new ArrayList<>();
      for (int round = 1; round <= options.repeat; round++) {
        System.out.printf(Locale.ROOT, "measured round %d of %d%n", round, options.repeat);
        passThrough.add(bench.runPassThrough());
        if (options.repartitionBaseline) {
          repartitioned.add(bench.runRepartitionedPassThrough());
        }
        cleaner.add(bench.runCleaner());
      }
      double pass = median(passThrough);
      double clean = median(cleaner);
      System.out.printf(Locale.ROOT, "%nRESULT pass-through %.0f lines/s, cleaner %.0f lines/s, ratio %.2f"
          + " (median of %d measured run(s) each, after %d warm-up round(s))%n", pass, clean, clean / pass,
          options.repeat, options.warmup);
      double passCpu = bench.medianStreamCpu("pass-through", options.repeat);
      double cleanCpu = bench.medianStreamCpu("cleaner", options.repeat);
      System.out.printf(Locale.ROOT, "RESULT stream-thread CPU per line: pass-through %.1f µs, cleaner %.1f µs, "
          + "ratio %.2f (medians of the measured runs)%n", passCpu, cleanCpu, passCpu / cleanCpu);
      if (options.repartitionBaseline) {
        double repart = median(repartitioned);
        System.out.printf(Locale.ROOT, "       repartitioned pass-through %.0f lines/s (ratio to pass-through %.2f); "
            + "cleaner / repartitioned %.2f%n", repart, repart / pass, clean / repart);
      }
    } finally {
      deleteRecursively(dir);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
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
    // With transactions v2 the broker refuses, as retriable, a transaction's batches that overtake its first one
    // (KAFKA-18202); the producer retries them. Each refusal is logged by both sides; the runs check their output.
    for (String name : QUIET_LOGGERS) {
      java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
      logger.setLevel(Level.OFF);
      KEPT_LOGGERS.add(logger);
    }
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
        byte[] value = utf8(text);
        // Keyed as the connector keys raw records: by listing id, else by object.
        producer.send(new ProducerRecord<>(RAW, null, ingestTs + i,
            utf8(RawRecordKeys.of(value, "s3://landing/" + key)), value, headers));
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
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(RAW, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    try (OutputTail tail = new OutputTail(List.of(out), null)) {
      return run("pass-through", app, builder.build(), Map.of(), tail, () -> tail.count(out) >= options.lines, () -> {
        check(tail.count(out) == options.lines, "pass-through wrote " + tail.count(out) + " of " + options.lines
            + " lines");
      });
    }
  }

  /**
   * Pass-through with one repartition on the way (raw → repartition topic → out), the same serdes: the Kafka work of
   * a line that goes through both of the cleaner's sub-topologies, without the cleaning.
   */
  private double runRepartitionedPassThrough() throws Exception {
    String app = "bench-repartitioned-" + (++runs);
    String out = app + ".out";
    broker.createTopic(out, options.partitions, Map.of());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(RAW, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .repartition(Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("by-key"))
        .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    try (OutputTail tail = new OutputTail(List.of(out), null)) {
      return run("repartitioned", app, builder.build(), Map.of(), tail, () -> tail.count(out) >= options.lines,
          () -> check(tail.count(out) == options.lines, "repartitioned pass-through wrote " + tail.count(out) + " of "
              + options.lines + " lines"));
    }
  }

  private double runCleaner() throws Exception {
    String app = "bench-cleaner-" + (++runs);
    CleanerTopology.Topics topics =
        new CleanerTopology.Topics(RAW, app + ".curated", app + ".rejects", app + ".ledger");
    broker.createTopic(topics.curated(), options.partitions, Map.of());
    broker.createTopic(topics.rejects(), options.partitions, Map.of());
    broker.createTopic(topics.ledger(), 1, Map.of("cleanup.policy", "compact"));
    String scope = "throughput-" + app;
    CleanerTopology cleaner = new CleanerTopology(topics, CleaningRules.defaults(),
        Map.of("schema.registry.url", "mock://" + scope), Clock.systemUTC());
    try (OutputTail tail = new OutputTail(List.of(topics.curated(), topics.rejects()), topics.ledger())) {
      return run("cleaner", app, cleaner.build(), cleaner.requiredStreamsConfig(), tail, () -> {
        long[] ledger = tail.ledger();
        return ledger[0] + ledger[1] + ledger[2] >= options.lines && tail.count(topics.curated()) >= ledger[0]
            && tail.count(topics.rejects()) >= ledger[1];
      }, () -> {
        long[] ledger = tail.ledger();
        long curated = tail.count(topics.curated());
        long rejects = tail.count(topics.rejects());
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
   * Runs one application until {@code done} holds for its committed output, checks that output with {@code verify},
   * closes it; returns lines per second.
   */
  private double run(String name, String app, Topology topology, Map<String, Object> required, OutputTail tail,
      BooleanSupplier done, Check verify) throws Exception {
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
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      });
      long startedAt = System.nanoTime();
      streams.start();
      check(running.await(2, TimeUnit.MINUTES), name + " did not reach RUNNING");
      StreamsCpuClock cpu = StreamsCpuClock.start(app);
      long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
      long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!done.getAsBoolean()) {
        check(System.nanoTime() < deadline, name + " did not finish in " + RUN_TIMEOUT + ": " + tail);
        check(streams.state() != KafkaStreams.State.ERROR && streams.state() != KafkaStreams.State.PENDING_ERROR,
            name + " failed");
        if (System.nanoTime() > nextReport) {
          System.out.printf(Locale.ROOT, "  %s: %s (%s)%n", name, tail, streams.state());
          nextReport += TimeUnit.SECONDS.toNanos(10);
        }
        Thread.sleep(20);
      }
      double seconds = (tail.lastOutputAt() - runningAt.get()) / 1e9;
      double rate = options.lines / seconds;
      System.out.printf(Locale.ROOT, "%-12s %,9d lines in %6.2f s = %,9.0f lines/s (start to RUNNING %.1f s); %s%n",
          name, options.lines, seconds, rate, (runningAt.get() - startedAt) / 1e9, cpu.perLine(options.lines));
      streamCpuPerLine.computeIfAbsent(name, n -> new ArrayList<>())
          .add(cpu.streamThreadsNanos() / 1e3 / options.lines);
      verify.run();
      streams.close(Duration.ofSeconds(60));
      return rate;
    }
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

  /** Median stream-thread CPU µs per line of the last {@code measured} runs named {@code name}. */
  private double medianStreamCpu(String name, int measured) {
    List<Double> all = streamCpuPerLine.getOrDefault(name, List.of());
    return median(all.subList(Math.max(0, all.size() - measured), all.size()));
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

  /**
   * Reads output topics from the beginning with {@code read_committed} while an application runs: counts the records
   * of each data topic and when the last one arrived, and keeps the latest ledger value per key.
   */
  private final class OutputTail implements AutoCloseable {
    private final String ledgerTopic;
    private final Map<String, Long> counts = new HashMap<>();
    private final Map<String, long[]> ledger = new HashMap<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long lastOutputAt;

    OutputTail(List<String> dataTopics, String ledgerTopic) {
      this.ledgerTopic = ledgerTopic;
      List<String> topics = new ArrayList<>(dataTopics);
      if (ledgerTopic != null) {
        topics.add(ledgerTopic);
      }
      dataTopics.forEach(topic -> counts.put(topic, 0L));
      thread = new Thread(() -> tail(topics), "output-tail");
      thread.setDaemon(true);
      thread.start();
    }

    private void tail(List<String> topics) {
      try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
        List<TopicPartition> partitions = new ArrayList<>();
        topics.forEach(topic -> partitions.addAll(partitions(consumer, topic)));
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        while (!stopped) {
          var records = consumer.poll(Duration.ofMillis(100));
          long now = System.nanoTime();
          synchronized (this) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
              if (record.topic().equals(ledgerTopic)) {
                JsonNode value = json(record.value());
                ledger.put(new String(record.key(), StandardCharsets.UTF_8), new long[] {
                    value.path("curated").asLong(), value.path("rejected").asLong(),
                    value.path("duplicates").asLong()});
              } else {
                counts.merge(record.topic(), 1L, Long::sum);
                lastOutputAt = now;
              }
            }
          }
        }
      }
    }

    synchronized long count(String topic) {
      return counts.getOrDefault(topic, 0L);
    }

    /** Curated, rejected and duplicates: the latest value per ledger key, summed. */
    synchronized long[] ledger() {
      long[] sums = new long[3];
      for (long[] value : ledger.values()) {
        for (int i = 0; i < 3; i++) {
          sums[i] += value[i];
        }
      }
      return sums;
    }

    long lastOutputAt() {
      return lastOutputAt;
    }

    @Override
    public synchronized String toString() {
      long[] sums = ledger();
      return "committed output " + counts + (ledgerTopic == null ? ""
          : String.format(Locale.ROOT, ", ledger %d/%d/%d", sums[0], sums[1], sums[2]));
    }

    @Override
    public void close() throws InterruptedException {
      stopped = true;
      thread.join(10_000);
    }
  }

  private record Options(long lines, int partitions, int objectLines, int threads, int commitMs, int warmup,
      int repeat, boolean repartitionBaseline, Path sample) {
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
          Integer.parseInt(values.getOrDefault("warmup", "1")),
          Integer.parseInt(values.getOrDefault("repeat", "1")),
          Boolean.parseBoolean(values.getOrDefault("repartition-baseline", "false")),
          Path.of(values.getOrDefault("sample", "../data/sample/scraping_data.jsonl")));
      values.keySet().removeAll(List.of("lines", "partitions", "object-lines", "threads", "commit-ms", "warmup",
          "repeat", "repartition-baseline", "sample"));
      if (!values.isEmpty()) {
        throw new IllegalArgumentException("unknown options " + values.keySet());
      }
      return options;
    }
  }
}
