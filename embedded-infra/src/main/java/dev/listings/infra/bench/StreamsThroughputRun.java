package dev.listings.infra.bench;

import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.infra.StreamsCpuClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The measuring half of a Kafka Streams throughput benchmark: one embedded KRaft broker in this JVM, applications run
 * one after the other on the same input, each timed from its first stream thread reaching RUNNING to the last output
 * record visible to a {@code read_committed} consumer, so a rate counts committed, exactly-once work only. Every
 * application gets the same settings ({@code exactly_once_v2}, the commit interval and thread count of {@link
 * Settings}); warm-up rounds run first so that measured rounds run JIT-compiled code, and results are medians of the
 * measured rounds.
 *
 * <p>A benchmark produces its input to {@link #broker}, then hands {@link #rounds} its contenders, each a method that
 * builds its topology, starts a {@link CommittedOutputTail} on its outputs and calls {@link #run}; {@link
 * #passThrough} is the baseline (source → out, bytes, nothing else). Closing the run stops the broker and deletes its
 * files.
 */
public final class StreamsThroughputRun implements AutoCloseable {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);
  /** {@code ThreadMetadata#threadState()} of a stream thread that processes. */
  private static final String THREAD_RUNNING = "RUNNING";
  private static final List<String> QUIET_LOGGERS =
      List.of("kafka.server.ReplicaManager", "org.apache.kafka.clients.producer.internals.Sender");
  /** Strong references, so that the levels set on these loggers are not lost with them. */
  private static final List<Logger> KEPT_LOGGERS = new ArrayList<>();

  /**
   * What every application of a run gets: {@code count} input records, called {@code unit} in the output ("lines",
   * "records"), on topics of {@code partitions} partitions, {@code threads} stream threads, {@code commitMs} commit
   * interval, {@code producerBatchBytes} producer batches ({@code producer.batch.size}: the deployed apps' 256 KiB
   * unless a run compares another); {@code warmup} untimed and {@code repeat} measured rounds.
   */
  public record Settings(String unit, long count, int partitions, int threads, int commitMs, int producerBatchBytes,
      int warmup, int repeat) {}

  /** A check of an application's output, or anything else a run does that may fail. */
  @FunctionalInterface
  public interface Check {
    void run() throws Exception;
  }

  /** One timed run of an application; returns its rate in {@link Settings#unit} per second. */
  @FunctionalInterface
  public interface Measurement {
    double run() throws Exception;
  }

  /** An application of each round, by name; {@code warmsUp}: also run in the warm-up rounds. */
  public record Contender(String name, Measurement measurement, boolean warmsUp) {}

  private final Settings settings;
  private final boolean reportCpu;
  private final Path dir;
  private final EmbeddedKafkaBroker broker;
  private final Map<String, List<Double>> streamCpuPerRecord = new HashMap<>();
  private int runs;

  private StreamsThroughputRun(Settings settings, boolean reportCpu, Path dir, EmbeddedKafkaBroker broker) {
    this.settings = settings;
    this.reportCpu = reportCpu;
    this.dir = dir;
    this.broker = broker;
  }

  /**
   * Starts a broker in a new temporary directory named after {@code tempPrefix}. With {@code reportCpu} each run's
   * line also gives its stream-thread and JVM CPU per record.
   */
  public static StreamsThroughputRun start(String tempPrefix, Settings settings, boolean reportCpu)
      throws IOException {
    Path dir = Files.createTempDirectory(tempPrefix);
    try {
      return new StreamsThroughputRun(settings, reportCpu, dir, EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0));
    } catch (RuntimeException | IOException e) {
      deleteRecursively(dir);
      throw e;
    }
  }

  /**
   * Warnings and errors to the console, nothing finer. Outside a Quarkus app the log manager starts with every level
   * enabled (buffering records for an app that never starts), which would have Kafka format its per-record trace
   * messages and distort the figures. Call first thing in {@code main}.
   */
  public static void logWarningsOnly() {
    Logger root = Logger.getLogger("");
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
      Logger logger = Logger.getLogger(name);
      logger.setLevel(Level.OFF);
      KEPT_LOGGERS.add(logger);
    }
  }

  public Settings settings() {
    return settings;
  }

  public EmbeddedKafkaBroker broker() {
    return broker;
  }

  /**
   * Settings for the producer that writes a benchmark's input up front (serializers not included): idempotent,
   * {@code acks=all}, 10 ms linger and 256 KiB batches, so that producing is quick and the input complete.
   */
  public Map<String, Object> inputProducerConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    return config;
  }

  /** A new application id, {@code <prefix>-<n>} with n counting the run's applications. */
  public String nextApplicationId(String prefix) {
    return prefix + "-" + (++runs);
  }

  /** A tail on {@code dataTopics} of this run's broker. */
  public CommittedOutputTail tail(List<String> dataTopics) {
    return CommittedOutputTail.start(broker.bootstrapServers(), dataTopics);
  }

  /** A tail on {@code dataTopics} and, uncounted, {@code side}. */
  public CommittedOutputTail tail(List<String> dataTopics, CommittedOutputTail.SideTopic side) {
    return CommittedOutputTail.start(broker.bootstrapServers(), dataTopics, side);
  }

  /** The baseline: {@code source} → a new output topic as bytes, done when every input record is on it. */
  public double passThrough(String source) throws Exception {
    String app = nextApplicationId("bench-pass-through");
    String out = app + ".out";
    broker.createTopic(out, settings.partitions(), Map.of());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(source, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    long count = settings.count();
    try (CommittedOutputTail tail = tail(List.of(out))) {
      return run("pass-through", app, builder.build(), Map.of(), tail, () -> tail.count(out) >= count,
          () -> check(tail.count(out) == count, "pass-through wrote " + tail.count(out) + " of " + count + " "
              + settings.unit()));
    }
  }

  /**
   * Runs one application until {@code done} holds for its committed output, prints its rate, checks that output with
   * {@code verify}, closes it; returns {@link Settings#unit} per second.
   */
  public double run(String name, String app, Topology topology, Map<String, Object> required,
      CommittedOutputTail tail, BooleanSupplier done, Check verify) throws Exception {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").resolve(app).toString());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitMs());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), settings.producerBatchBytes());
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    props.putAll(required);
    try (KafkaStreams streams = new KafkaStreams(topology, props)) {
      streams.setUncaughtExceptionHandler(e -> {
        e.printStackTrace();
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      });
      long startedAt = System.nanoTime();
      streams.start();
      long runningAt = firstThreadRunning(streams, name);
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
      double seconds = (tail.lastOutputAt() - runningAt) / 1e9;
      long count = settings.count();
      double rate = count / seconds;
      String unit = settings.unit();
      System.out.printf(Locale.ROOT, "%-12s %,9d %s in %6.2f s = %,9.0f %s/s (start to RUNNING %.1f s)%s%n",
          name, count, unit, seconds, rate, unit, (runningAt - startedAt) / 1e9,
          reportCpu ? "; " + cpu.perLine(count) : "");
      streamCpuPerRecord.computeIfAbsent(name, n -> new ArrayList<>()).add(cpu.streamThreadsNanos() / 1e3 / count);
      verify.run();
      streams.close(Duration.ofSeconds(60));
      return rate;
    }
  }

  /**
   * When the first stream thread of {@code streams} reached RUNNING: it processes from then on. With several threads
   * the client itself reports RUNNING only once all of them have joined, which can come after the first one has done
   * the whole run's work.
   */
  private static long firstThreadRunning(KafkaStreams streams, String name) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (streams.metadataForLocalThreads().stream()
        .noneMatch(thread -> THREAD_RUNNING.equals(thread.threadState()))) {
      check(System.nanoTime() < deadline, name + " did not reach RUNNING");
      check(streams.state() != KafkaStreams.State.ERROR && streams.state() != KafkaStreams.State.PENDING_ERROR,
          name + " failed before it ran");
      Thread.sleep(1);
    }
    return System.nanoTime();
  }

  /**
   * {@link Settings#warmup} rounds of the contenders that warm up, then {@link Settings#repeat} measured rounds of
   * all, each round in the given order; returns the median rate of each contender's measured runs, by name, in that
   * order.
   */
  public Map<String, Double> rounds(List<Contender> contenders) throws Exception {
    for (int round = 1; round <= settings.warmup(); round++) {
      System.out.printf(Locale.ROOT, "warm-up round %d of %d (not counted)%n", round, settings.warmup());
      for (Contender contender : contenders) {
        if (contender.warmsUp()) {
          contender.measurement().run();
        }
      }
    }
    Map<String, List<Double>> rates = new LinkedHashMap<>();
    contenders.forEach(contender -> rates.put(contender.name(), new ArrayList<>()));
    for (int round = 1; round <= settings.repeat(); round++) {
      System.out.printf(Locale.ROOT, "measured round %d of %d%n", round, settings.repeat());
      for (Contender contender : contenders) {
        rates.get(contender.name()).add(contender.measurement().run());
      }
    }
    Map<String, Double> medians = new LinkedHashMap<>();
    rates.forEach((name, values) -> medians.put(name, median(values)));
    return medians;
  }

  /**
   * Prints {@code RESULT <baseline> N <unit>/s, <subject> N <unit>/s, ratio subject/baseline (median of ...)},
   * preceded by an empty line.
   */
  public void printResult(String baselineName, double baseline, String subjectName, double subject) {
    String unit = settings.unit();
    System.out.printf(Locale.ROOT, "%nRESULT %s %.0f %s/s, %s %.0f %s/s, ratio %.2f"
        + " (median of %d measured run(s) each, after %d warm-up round(s))%n", baselineName, baseline, unit,
        subjectName, subject, unit, subject / baseline, settings.repeat(), settings.warmup());
  }

  /**
   * Median stream-thread CPU µs per input record of the measured runs (the last {@link Settings#repeat}) of the
   * application runs named {@code name}.
   */
  public double medianStreamCpu(String name) {
    List<Double> all = streamCpuPerRecord.getOrDefault(name, List.of());
    return median(all.subList(Math.max(0, all.size() - settings.repeat()), all.size()));
  }

  /** The median; the mean of the middle two for an even count. */
  public static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Fails the benchmark with {@code message} unless {@code condition} holds. */
  public static void check(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  /** Stops the broker and deletes the run's directory. */
  @Override
  public void close() throws IOException {
    try {
      broker.close();
    } finally {
      deleteRecursively(dir);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
