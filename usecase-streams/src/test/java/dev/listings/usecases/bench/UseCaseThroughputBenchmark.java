package dev.listings.usecases.bench;

import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.Provenance;
import dev.listings.schemas.registry.InMemorySchemaRegistryClient;
import dev.listings.schemas.serde.AvroSerdeConfig;
import dev.listings.schemas.serde.AvroSerdes;
import dev.listings.usecases.activity.MarketActivityUseCase;
import dev.listings.usecases.pricechanges.PriceChangesUseCase;
import dev.listings.usecases.pricepersqm.PricePerSqmUseCase;
import dev.listings.usecases.topology.UseCaseOptions;
import dev.listings.usecases.topology.UseCaseTopics;
import dev.listings.usecases.topology.UseCaseTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Throughput of the use-case topology (all three use cases, as the app and the local stack run it) on one embedded
 * KRaft broker in this JVM, against a pass-through topology (curated → out as bytes, nothing else) on the same input
 * in the same run. N curated records, registry-framed Avro as the cleaner writes them, are produced up front: 70 % new
 * listings, 15 % new versions with a changed price, 15 % re-scrapes at the same price (a later scraping date each
 * time, so no version is out of order), over 30 municipalities, apartments and houses, and six years of scraping dates.
 * Both applications use {@code exactly_once_v2}, the same commit interval and thread count.
 *
 * <p>A run's rate is records / (time the last output record became visible to a {@code read_committed} consumer −
 * time Kafka Streams reached RUNNING). The use cases are done when every output is there: one price-per-sqm update per
 * record, one price-change event per changed price, one market-activity update per new listing (counts known from
 * the generated input); the run then checks that no topic holds more.
 *
 * <p>Run (see the module README): {@code ./mvnw -B -pl usecase-streams -Pbench test-compile exec:exec@throughput
 * -Dthroughput.args="--records 200000"}. Options: {@code --records N} (200000), {@code --partitions P} (curated and
 * output partitions, 2), {@code --threads T} (stream threads, 1), {@code --commit-ms C} (100), {@code --warmup W}
 * (untimed rounds of both first, 1), {@code --repeat R} (measured rounds, medians, 1), {@code --seed S} (42).
 */
public final class UseCaseThroughputBenchmark {
  private static final String CURATED = "bench.curated";
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);
  private static final String[] MUNICIPALITIES = {
    "Zürich", "Genève", "Basel", "Lausanne", "Bern", "Winterthur", "Luzern", "St. Gallen", "Lugano", "Biel/Bienne",
    "Thun", "Köniz", "La Chaux-de-Fonds", "Fribourg", "Schaffhausen", "Chur", "Vernier", "Neuchâtel", "Uster", "Sion",
    "Solothurn", "Volketswil", "Montreux", "Zug", "Aarau", "Baden", "Wil", "Kriens", "Olten", "Nyon"
  };
  private static final List<String> QUIET_LOGGERS =
      List.of("kafka.server.ReplicaManager", "org.apache.kafka.clients.producer.internals.Sender");
  /** Strong references, so that the levels set on these loggers are not lost with them. */
  private static final List<java.util.logging.Logger> KEPT_LOGGERS = new ArrayList<>();

  private final Options options;
  private final EmbeddedKafkaBroker broker;
  private final Path stateRoot;
  private final String registryScope;
  private Expected expected;
  private int runs;

  /** Outputs the input must produce. */
  private record Expected(long pricePerSqm, long priceChanges, long marketActivity) {}

  private UseCaseThroughputBenchmark(Options options, EmbeddedKafkaBroker broker, Path stateRoot, String scope) {
    this.options = options;
    this.broker = broker;
    this.stateRoot = stateRoot;
    this.registryScope = scope;
  }

  public static void main(String[] args) throws Exception {
    logWarningsOnly();
    Options options = Options.parse(args);
    Path dir = Files.createTempDirectory("usecase-throughput");
    System.out.printf(Locale.ROOT, "use-case throughput: %d curated records, %d partitions, %d stream thread(s), "
            + "commit.interval.ms=%d, exactly_once_v2, use cases %s; %d cores, Java %s, max heap %d MiB%n",
        options.records, options.partitions, options.threads, options.commitMs,
        UseCaseTopology.availableUseCases(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
    String scope = "usecase-throughput-" + ProcessHandle.current().pid();
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
      UseCaseThroughputBenchmark bench = new UseCaseThroughputBenchmark(options, broker, dir.resolve("state"), scope);
      broker.createTopic(CURATED, options.partitions, Map.of("retention.ms", "-1"));
      long produceStart = System.nanoTime();
      bench.produce();
      System.out.printf(Locale.ROOT, "produced %,d curated records in %.1f s: expecting %,d price-per-sqm updates, "
              + "%,d price changes, %,d market-activity updates%n", options.records,
          (System.nanoTime() - produceStart) / 1e9, bench.expected.pricePerSqm, bench.expected.priceChanges,
          bench.expected.marketActivity);
      for (int round = 1; round <= options.warmup; round++) {
        System.out.printf(Locale.ROOT, "warm-up round %d of %d (not counted)%n", round, options.warmup);
        bench.runPassThrough();
        bench.runUseCases();
      }
      List<Double> passThrough = new ArrayList<>();
      List<Double> useCases = new ArrayList<>();
      for (int round = 1; round <= options.repeat; round++) {
        System.out.printf(Locale.ROOT, "measured round %d of %d%n", round, options.repeat);
        passThrough.add(bench.runPassThrough());
        useCases.add(bench.runUseCases());
      }
      double pass = median(passThrough);
      double uc = median(useCases);
      System.out.printf(Locale.ROOT, "%nRESULT pass-through %.0f records/s, use cases %.0f records/s, ratio %.2f"
          + " (median of %d measured run(s) each, after %d warm-up round(s))%n", pass, uc, uc / pass,
          options.repeat, options.warmup);
    } finally {
      InMemorySchemaRegistryClient.dropScope(scope);
      deleteRecursively(dir);
    }
  }

  private Map<String, Object> serdeConfig() {
    return Map.of("schema.registry.url", "mock://" + registryScope);
  }

  /** The curated input, and what it must produce. */
  private void produce() {
    Map<String, Object> serde = new HashMap<>(serdeConfig());
    serde.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
    serde.put(AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, CuratedListing.class);
    Serde<CuratedListing> curatedSerde = AvroSerdes.valueSerde(serde);
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    SplittableRandom random = new SplittableRandom(options.seed);
    List<CuratedListing> recent = new ArrayList<>();
    long newListings = 0;
    long changes = 0;
    // Current time: records older than the broker's retention (7 days) would be deleted under the running apps.
    long timestamp = System.currentTimeMillis();
    LocalDate firstDay = LocalDate.of(2020, 1, 1);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      for (long i = 0; i < options.records; i++) {
        double roll = random.nextDouble();
        CuratedListing listing;
        if (recent.isEmpty() || roll < 0.70) {
          boolean house = random.nextInt(3) == 0;
          double area = Math.round(house ? 90 + random.nextDouble() * 220 : 35 + random.nextDouble() * 120);
          double price = Math.round(area * (3000 + random.nextDouble() * 9000) / 1000) * 1000.0;
          listing = listing("L" + i, MUNICIPALITIES[random.nextInt(MUNICIPALITIES.length)],
              house ? "house" : "apartment", firstDay.plusDays(random.nextInt(6 * 365)), price, area, i);
          newListings++;
          if (recent.size() < 20_000) {
            recent.add(listing);
          } else {
            recent.set(random.nextInt(recent.size()), listing);
          }
        } else {
          int index = random.nextInt(recent.size());
          CuratedListing old = recent.get(index);
          boolean changed = roll < 0.85;
          double price = changed ? old.getPrice() + 1000 * (1 + random.nextInt(50)) * (random.nextBoolean() ? 1 : -1)
              : old.getPrice();
          if (price <= 0) {
            price = old.getPrice() + 1000;
          }
          listing = listing(old.getId(), old.getMunicipality(), old.getPropertyType(),
              old.getScrapingDate().plusDays(1 + random.nextInt(30)), price, old.getLivingArea(), i);
          if (price != old.getPrice()) {
            changes++;
          }
          recent.set(index, listing);
        }
        producer.send(new ProducerRecord<>(CURATED, null, timestamp + i, listing.getId(),
            curatedSerde.serializer().serialize(CURATED, listing)));
      }
      producer.flush();
    }
    expected = new Expected(options.records, changes, newListings);
  }

  private static CuratedListing listing(String id, String municipality, String type, LocalDate date, double price,
      double area, long line) {
    return CuratedListing.newBuilder()
        .setId(id)
        .setScrapingDate(date)
        .setPropertyType(type)
        .setMunicipality(municipality)
        .setPrice(price)
        .setCurrency("CHF")
        .setLivingArea(area)
        .setPricePerSquareMeter(Math.round(price / area * 100) / 100.0)
        .setSource(Provenance.newBuilder()
            .setBucket("landing")
            .setKey("bench/part-" + line / 10_000 + ".jsonl")
            .setEtag("etag")
            .setLine(line % 10_000 + 1)
            .setIngestedAt(Instant.now())
            .build())
        .setRulesVersion("1")
        .build();
  }

  private double runPassThrough() throws Exception {
    String app = "bench-pass-through-" + (++runs);
    String out = app + ".out";
    broker.createTopic(out, options.partitions, Map.of());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(CURATED, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    try (OutputTail tail = new OutputTail(List.of(out))) {
      return run("pass-through", app, builder.build(), Map.of(), tail, () -> tail.count(out) >= options.records,
          () -> check(tail.count(out) == options.records, "pass-through wrote " + tail.count(out) + " of "
              + options.records));
    }
  }

  private double runUseCases() throws Exception {
    String app = "bench-usecases-" + (++runs);
    Map<String, String> outputs = Map.of(
        PricePerSqmUseCase.NAME, app + ".price-per-sqm",
        PriceChangesUseCase.NAME, app + ".price-changes",
        MarketActivityUseCase.NAME, app + ".market-activity");
    outputs.values().forEach(topic -> broker.createTopic(topic, options.partitions, Map.of()));
    UseCaseTopology topology = new UseCaseTopology(new UseCaseTopics(CURATED, outputs),
        UseCaseTopology.availableUseCases(), serdeConfig(), UseCaseOptions.defaults());
    String pps = outputs.get(PricePerSqmUseCase.NAME);
    String changes = outputs.get(PriceChangesUseCase.NAME);
    String activity = outputs.get(MarketActivityUseCase.NAME);
    try (OutputTail tail = new OutputTail(List.of(pps, changes, activity))) {
      return run("use cases", app, topology.build(), topology.requiredStreamsConfig(), tail,
          () -> tail.count(pps) >= expected.pricePerSqm && tail.count(changes) >= expected.priceChanges
              && tail.count(activity) >= expected.marketActivity,
          () -> {
            Thread.sleep(1000); // anything beyond the expected output would be committed by now
            check(tail.count(pps) == expected.pricePerSqm && tail.count(changes) == expected.priceChanges
                && tail.count(activity) == expected.marketActivity, "unexpected use-case output: " + tail
                + ", expected " + expected);
          });
    }
  }

  /**
   * Runs one application until {@code done} holds for its committed output, checks that output with {@code verify},
   * closes it; returns records per second.
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
      double rate = options.records / seconds;
      System.out.printf(Locale.ROOT, "%-12s %,9d records in %6.2f s = %,9.0f records/s (start to RUNNING %.1f s)%n",
          name, options.records, seconds, rate, (runningAt.get() - startedAt) / 1e9);
      verify.run();
      streams.close(Duration.ofSeconds(60));
      return rate;
    }
  }

  /**
   * Warnings and errors to the console, nothing finer: outside a Quarkus app the log manager starts with every level
   * enabled, which would have Kafka format its per-record trace messages and distort the figures.
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

  private static void deleteRecursively(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
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

  @FunctionalInterface
  private interface Check {
    void run() throws Exception;
  }

  /** Counts the records of output topics with {@code read_committed} while an application runs. */
  private final class OutputTail implements AutoCloseable {
    private final Map<String, Long> counts = new HashMap<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long lastOutputAt;

    OutputTail(List<String> topics) {
      topics.forEach(topic -> counts.put(topic, 0L));
      thread = new Thread(() -> tail(topics), "output-tail");
      thread.setDaemon(true);
      thread.start();
    }

    private void tail(List<String> topics) {
      Map<String, Object> config = new HashMap<>();
      config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
      try (KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
          consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        while (!stopped) {
          var records = consumer.poll(Duration.ofMillis(100));
          long now = System.nanoTime();
          synchronized (this) {
            for (ConsumerRecord<byte[], byte[]> record : records) {
              counts.merge(record.topic(), 1L, Long::sum);
              lastOutputAt = now;
            }
          }
        }
      }
    }

    synchronized long count(String topic) {
      return counts.getOrDefault(topic, 0L);
    }

    long lastOutputAt() {
      return lastOutputAt;
    }

    @Override
    public synchronized String toString() {
      return "committed output " + counts;
    }

    @Override
    public void close() throws InterruptedException {
      stopped = true;
      thread.join(10_000);
    }
  }

  private record Options(long records, int partitions, int threads, int commitMs, int warmup, int repeat, long seed) {
    static Options parse(String[] args) {
      Map<String, String> values = new HashMap<>();
      for (int i = 0; i < args.length; i++) {
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("expected --option value pairs, got " + String.join(" ", args));
        }
        values.put(args[i].substring(2), args[++i]);
      }
      Options options = new Options(
          Long.parseLong(values.getOrDefault("records", "200000")),
          Integer.parseInt(values.getOrDefault("partitions", "2")),
          Integer.parseInt(values.getOrDefault("threads", "1")),
          Integer.parseInt(values.getOrDefault("commit-ms", "100")),
          Integer.parseInt(values.getOrDefault("warmup", "1")),
          Integer.parseInt(values.getOrDefault("repeat", "1")),
          Long.parseLong(values.getOrDefault("seed", "42")));
      values.keySet().removeAll(List.of("records", "partitions", "threads", "commit-ms", "warmup", "repeat", "seed"));
      if (!values.isEmpty()) {
        throw new IllegalArgumentException("unknown options " + values.keySet());
      }
      return options;
    }
  }
}
