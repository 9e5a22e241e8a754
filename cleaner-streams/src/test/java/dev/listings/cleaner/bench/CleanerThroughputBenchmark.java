package dev.listings.cleaner.bench;

import static dev.listings.infra.bench.StreamsThroughputRun.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.cleaner.streams.CleanerTopology;
import dev.listings.infra.bench.CommittedOutputTail;
import dev.listings.infra.bench.StreamsThroughputRun;
import dev.listings.infra.bench.ThroughputOptions;
import dev.listings.schemas.ProvenanceHeaders;
import dev.listings.schemas.RawRecordKeys;
import dev.listings.schemas.registry.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
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

  private final Options options;
  private final StreamsThroughputRun run;
  private final long lines;

  private CleanerThroughputBenchmark(Options options, StreamsThroughputRun run) {
    this.options = options;
    this.run = run;
    this.lines = options.settings.count();
  }

  public static void main(String[] args) throws Exception {
    StreamsThroughputRun.logWarningsOnly();
    Options options = Options.parse(args);
    StreamsThroughputRun.Settings settings = options.settings;
    List<String> sample = Files.readAllLines(options.sample, StandardCharsets.UTF_8);
    System.out.printf(Locale.ROOT, "cleaner throughput: %d lines (sample of %d repeated), %d raw partitions, "
            + "%d lines per object, %d stream thread(s), commit.interval.ms=%d, producer.batch.size=%d, "
            + "exactly_once_v2; %d cores, Java %s, max heap %d MiB%n", settings.count(), sample.size(),
        settings.partitions(), options.objectLines, settings.threads(), settings.commitMs(),
        settings.producerBatchBytes(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
    try (StreamsThroughputRun run = StreamsThroughputRun.start("cleaner-throughput", settings, true)) {
      CleanerThroughputBenchmark bench = new CleanerThroughputBenchmark(options, run);
      run.broker().createTopic(RAW, settings.partitions(), Map.of("retention.ms", "-1"));
      long produceStart = System.nanoTime();
      bench.produce(sample);
      System.out.printf(Locale.ROOT, "produced %d raw lines in %.1f s%n", settings.count(),
          (System.nanoTime() - produceStart) / 1e9);

      List<StreamsThroughputRun.Contender> contenders = new ArrayList<>();
      contenders.add(new StreamsThroughputRun.Contender("pass-through", () -> run.passThrough(RAW), true));
      if (options.repartitionBaseline) {
        contenders.add(new StreamsThroughputRun.Contender("repartitioned", bench::runRepartitionedPassThrough, false));
      }
      contenders.add(new StreamsThroughputRun.Contender("cleaner", bench::runCleaner, true));
      Map<String, Double> medians = run.rounds(contenders);
      double pass = medians.get("pass-through");
      double clean = medians.get("cleaner");
      run.printResult("pass-through", pass, "cleaner", clean);
      double passCpu = run.medianStreamCpu("pass-through");
      double cleanCpu = run.medianStreamCpu("cleaner");
      System.out.printf(Locale.ROOT, "RESULT stream-thread CPU per line: pass-through %.1f µs, cleaner %.1f µs, "
          + "ratio %.2f (medians of the measured runs)%n", passCpu, cleanCpu, passCpu / cleanCpu);
      if (options.repartitionBaseline) {
        double repart = medians.get("repartitioned");
        System.out.printf(Locale.ROOT, "       repartitioned pass-through %.0f lines/s (ratio to pass-through %.2f); "
            + "cleaner / repartitioned %.2f%n", repart, repart / pass, clean / repart);
      }
    }
  }

  /** The raw lines: the sample repeated, each repetition with its own ids, in objects of {@code objectLines}. */
  private void produce(List<String> sample) throws IOException {
    Map<String, Object> config = run.inputProducerConfig();
    // Current time: records older than the broker's retention (7 days) would be deleted under the running apps.
    long ingestTs = System.currentTimeMillis();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (long i = 0; i < lines; i++) {
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

  /**
   * Pass-through with one repartition on the way (raw → repartition topic → out), the same serdes: the Kafka work of
   * a line that goes through both of the cleaner's sub-topologies, without the cleaning.
   */
  private double runRepartitionedPassThrough() throws Exception {
    String app = run.nextApplicationId("bench-repartitioned");
    String out = app + ".out";
    run.broker().createTopic(out, run.settings().partitions(), Map.of());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(RAW, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .repartition(Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("by-key"))
        .to(out, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    try (CommittedOutputTail tail = run.tail(List.of(out))) {
      return run.run("repartitioned", app, builder.build(), Map.of(), tail, () -> tail.count(out) >= lines,
          () -> check(tail.count(out) == lines, "repartitioned pass-through wrote " + tail.count(out) + " of "
              + lines + " lines"));
    }
  }

  private double runCleaner() throws Exception {
    String app = run.nextApplicationId("bench-cleaner");
    int partitions = run.settings().partitions();
    CleanerTopology.Topics topics =
        new CleanerTopology.Topics(RAW, app + ".curated", app + ".rejects", app + ".ledger");
    run.broker().createTopic(topics.curated(), partitions, Map.of());
    run.broker().createTopic(topics.rejects(), partitions, Map.of());
    run.broker().createTopic(topics.ledger(), 1, Map.of("cleanup.policy", "compact"));
    String scope = "throughput-" + app;
    CleanerTopology cleaner = new CleanerTopology(topics, CleaningRules.defaults(),
        Map.of("schema.registry.url", "mock://" + scope), Clock.systemUTC());
    Ledger ledgerTail = new Ledger(topics.ledger());
    try (CommittedOutputTail tail = run.tail(List.of(topics.curated(), topics.rejects()), ledgerTail)) {
      return run.run("cleaner", app, cleaner.build(), cleaner.requiredStreamsConfig(), tail, () -> {
        long[] ledger = ledgerTail.sums();
        return ledger[0] + ledger[1] + ledger[2] >= lines && tail.count(topics.curated()) >= ledger[0]
            && tail.count(topics.rejects()) >= ledger[1];
      }, () -> {
        long[] ledger = ledgerTail.sums();
        long curated = tail.count(topics.curated());
        long rejects = tail.count(topics.rejects());
        System.out.printf(Locale.ROOT, "  cleaner ledger: %,d curated, %,d rejected, %,d duplicates; topics: %,d "
            + "curated, %,d rejects%n", ledger[0], ledger[1], ledger[2], curated, rejects);
        check(ledger[0] + ledger[1] + ledger[2] == lines, "the ledger accounts for "
            + (ledger[0] + ledger[1] + ledger[2]) + " of " + lines + " lines");
        check(curated == ledger[0] && rejects == ledger[1], "curated/rejects topics disagree with the ledger");
      });
    } finally {
      InMemorySchemaRegistryClient.dropScope(scope);
    }
  }

  private static JsonNode json(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new IllegalStateException("ledger value is not JSON", e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The cleaner's ledger topic as the tail reads it: the latest value per ledger key. */
  private static final class Ledger implements CommittedOutputTail.SideTopic {
    private final String topic;
    private final Map<String, long[]> values = new HashMap<>();

    Ledger(String topic) {
      this.topic = topic;
    }

    @Override
    public String topic() {
      return topic;
    }

    @Override
    public synchronized void accept(ConsumerRecord<byte[], byte[]> record) {
      JsonNode value = json(record.value());
      values.put(new String(record.key(), StandardCharsets.UTF_8), new long[] {
          value.path("curated").asLong(), value.path("rejected").asLong(), value.path("duplicates").asLong()});
    }

    /** Curated, rejected and duplicates: the latest value per ledger key, summed. */
    synchronized long[] sums() {
      long[] sums = new long[3];
      for (long[] value : values.values()) {
        for (int i = 0; i < 3; i++) {
          sums[i] += value[i];
        }
      }
      return sums;
    }

    @Override
    public String describe() {
      long[] sums = sums();
      return String.format(Locale.ROOT, "ledger %d/%d/%d", sums[0], sums[1], sums[2]);
    }
  }

  private record Options(StreamsThroughputRun.Settings settings, int objectLines, boolean repartitionBaseline,
      Path sample) {
    static Options parse(String[] args) {
      ThroughputOptions values = ThroughputOptions.parse(args);
      Options options = new Options(
          values.settings("lines", 200000),
          values.intValue("object-lines", 10000),
          values.booleanValue("repartition-baseline", false),
          Path.of(values.value("sample", "../data/sample/scraping_data.jsonl")));
      values.requireAllRead();
      return options;
    }
  }
}
