package dev.listings.local.ops;

import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.cleaner.streams.CleanerTopology;
import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.schemas.ProvenanceHeaders;
import dev.listings.schemas.RawRecordKeys;
import dev.listings.schemas.Topics;
import dev.listings.schemas.registry.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * An embedded broker with the pipeline's topics, raw lines produced as the connector does (transactions, provenance
 * headers, record time = ingest time), and the cleaner run on plain Kafka Streams with an in-process registry.
 */
final class OpsFixture implements AutoCloseable {
  static final Path SAMPLE = Path.of("..", "data", "sample", "scraping_data.jsonl");
  static final Duration PATIENCE = Duration.ofSeconds(120);

  final EmbeddedKafkaBroker broker;
  final Cluster cluster;
  final String registryUrl = "mock://ops-it-" + UUID.randomUUID();
  private final Path dir;

  OpsFixture(Path dir) throws IOException {
    this.dir = dir;
    broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
    cluster = Cluster.of(broker.bootstrapServers());
    broker.createTopic(Topics.RAW, 2, Map.of());
    broker.createTopic(Topics.CURATED, 2, Map.of());
    broker.createTopic(Topics.REJECTS, 2, Map.of());
    broker.createTopic(Topics.LEDGER, 1, Map.of("cleanup.policy", "compact"));
  }

  static List<String> sampleLines() throws IOException {
    return Files.readAllLines(SAMPLE, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
  }

  /** Valid lines with ids of their own ({@code <prefix>-1}, ...), each curated. */
  static List<String> extraLines(String prefix, int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      lines.add("{\"id\":\"" + prefix + "-" + i + "\",\"raw_price\":\"" + (400_000 + i * 1000) + " EUR\","
          + "\"living_area\":" + (60 + i) + ",\"property_type\":\"apartment\",\"municipality\":\"Bern\","
          + "\"scraping_date\":\"2024-03-0" + (1 + i % 9) + "\"}");
    }
    return lines;
  }

  /** Produces an object's lines in one transaction, lines numbered from {@code firstLine}, record time = ingest. */
  void produceObject(String key, String etag, List<String> lines, long firstLine, long ingestMillis) {
    try (KafkaProducer<byte[], byte[]> producer = cluster.transactionalProducer("it-connector-" + UUID.randomUUID())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (int i = 0; i < lines.size(); i++) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ProvenanceHeaders.SOURCE_BUCKET, utf8("landing"));
        headers.add(ProvenanceHeaders.SOURCE_KEY, utf8(key));
        headers.add(ProvenanceHeaders.SOURCE_ETAG, utf8(etag));
        headers.add(ProvenanceHeaders.SOURCE_LINE, utf8(Long.toString(firstLine + i)));
        headers.add(ProvenanceHeaders.SOURCE_FORMAT, utf8("jsonl"));
        headers.add(ProvenanceHeaders.INGEST_TS, utf8(Long.toString(ingestMillis)));
        byte[] line = utf8(lines.get(i));
        // Keyed as the connector keys raw records: by listing id, else by object.
        producer.send(new ProducerRecord<>(Topics.RAW, null, ingestMillis,
            utf8(RawRecordKeys.of(line, "s3://landing/" + key)), line, headers));
      }
      producer.commitTransaction();
    }
  }

  KafkaStreams startCleaner(CleaningRules rules, String stateName) {
    CleanerTopology cleaner = new CleanerTopology(CleanerTopology.Topics.defaults(), rules,
        Map.of("schema.registry.url", registryUrl), Clock.systemUTC());
    Properties props = new Properties();
    props.putAll(cluster.common());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, CleanerTopology.DEFAULT_APPLICATION_ID);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir(stateName).toString());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.putAll(cleaner.requiredStreamsConfig());
    KafkaStreams streams = new KafkaStreams(cleaner.build(), props);
    streams.start();
    return streams;
  }

  /** Stops a cleaner and leaves its group at once (a stopped instance otherwise stays a member for a while). */
  static void stop(KafkaStreams streams) {
    streams.close(org.apache.kafka.streams.CloseOptions
        .groupMembershipOperation(org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
  }

  Path stateDir(String name) {
    return dir.resolve("streams-" + name);
  }

  /** Every committed record of a topic, in partition then offset order. */
  List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    TopicScan.read(cluster, topic, null, records::add);
    records.sort(java.util.Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
        .thenComparingLong(ConsumerRecord::offset));
    return records;
  }

  /** Waits (bounded) until {@code condition} holds; fails with {@code what} otherwise. */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Gave up waiting: " + what);
      }
      Thread.sleep(250);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    broker.close();
    InMemorySchemaRegistryClient.dropScope(registryUrl.substring("mock://".length()));
  }
}
