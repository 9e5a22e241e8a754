package dev.listings.cleaner.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.schemas.ProvenanceHeaders;
import dev.listings.schemas.RawRecordKeys;
import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.registry.InMemorySchemaRegistryClient;
import dev.listings.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A TopologyTestDriver around the cleaner topology with an in-memory registry scope: pipes raw lines with provenance
 * headers and reads curated listings, rejects and the ledger (latest value per key, summed per object as readers do).
 */
final class CleanerDriver implements AutoCloseable {
  static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
  static final String BUCKET = "landing";
  static final String OBJECT_KEY = "sample/scraping_data.jsonl";
  static final String ETAG = "etag-1";
  private static final ObjectMapper JSON = new ObjectMapper();

  final CleanerTopology cleaner;
  final TopologyTestDriver driver;
  private final String scope = "cleaner-test-" + UUID.randomUUID();
  private final TestInputTopic<String, byte[]> raw;
  private final TestOutputTopic<String, CuratedListing> curated;
  private final TestOutputTopic<String, String> rejects;
  private final TestOutputTopic<String, String> ledgerTopic;
  private final Map<String, JsonNode> ledger = new HashMap<>();
  private long nextLine = 1;
  private boolean keyById = true;

  CleanerDriver() {
    this(CleaningRules.defaults(), CleanerTopology.Settings.defaults(), Map.of(),
        Clock.fixed(START, java.time.ZoneOffset.UTC), OutcomeListener.NONE, null);
  }

  CleanerDriver(CleaningRules rules, CleanerTopology.Settings settings, Map<String, Object> serdeOverrides,
      Clock clock, OutcomeListener listener, Path stateDir) {
    Map<String, Object> serdeConfig = new HashMap<>(serdeOverrides);
    serdeConfig.put("schema.registry.url", "mock://" + scope);
    cleaner = new CleanerTopology(CleanerTopology.Topics.defaults(), rules, settings, serdeConfig, clock, listener);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, CleanerTopology.DEFAULT_APPLICATION_ID);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    // A state folder of its own, so that drivers in concurrent builds never share RocksDB files.
    props.put(StreamsConfig.STATE_DIR_CONFIG, (stateDir != null ? stateDir : temporaryStateDir()).toString());
    props.putAll(cleaner.requiredStreamsConfig());
    driver = new TopologyTestDriver(cleaner.build(), props, START);
    raw = driver.createInputTopic(dev.listings.schemas.Topics.RAW, new StringSerializer(), new ByteArraySerializer(),
        START, Duration.ofMillis(1));
    Map<String, Object> readerConfig = Map.of("schema.registry.url", "mock://" + scope);
    curated = driver.createOutputTopic(dev.listings.schemas.Topics.CURATED, new StringDeserializer(),
        AvroSerdes.<CuratedListing>valueSerde(readerConfig).deserializer());
    rejects = driver.createOutputTopic(dev.listings.schemas.Topics.REJECTS, new StringDeserializer(),
        new StringDeserializer());
    ledgerTopic = driver.createOutputTopic(dev.listings.schemas.Topics.LEDGER, new StringDeserializer(),
        new StringDeserializer());
  }

  /**
   * From now on, keys raw lines by their object ({@code s3://bucket/key}) as a producer other than the connector might,
   * rather than by listing id as the connector does; the cleaner must then re-key accepted lines itself.
   */
  CleanerDriver keyedByObject() {
    keyById = false;
    return this;
  }

  private static Path temporaryStateDir() {
    try {
      Path dir = java.nio.file.Files.createTempDirectory("cleaner-driver-");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pipes a line of the default object with the next line number. */
  void pipe(String line) {
    pipe(line, provenance(BUCKET, OBJECT_KEY, ETAG, nextLine++));
  }

  void pipe(String line, Headers headers) {
    pipe(line.getBytes(StandardCharsets.UTF_8), headers, null);
  }

  void pipe(byte[] value, Headers headers, Instant timestamp) {
    String bucket = Provenance.text(headers, ProvenanceHeaders.SOURCE_BUCKET);
    String object = "s3://" + bucket + "/" + Provenance.text(headers, ProvenanceHeaders.SOURCE_KEY);
    String key = keyById ? RawRecordKeys.of(value, object) : object;
    TestRecord<String, byte[]> record = timestamp == null
        ? new TestRecord<>(key, value, headers)
        : new TestRecord<>(key, value, headers, timestamp);
    raw.pipeInput(record);
  }

  static Headers provenance(String bucket, String key, String etag, long line) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(ProvenanceHeaders.SOURCE_BUCKET, utf8(bucket));
    headers.add(ProvenanceHeaders.SOURCE_KEY, utf8(key));
    headers.add(ProvenanceHeaders.SOURCE_ETAG, utf8(etag));
    headers.add(ProvenanceHeaders.SOURCE_LINE, utf8(Long.toString(line)));
    headers.add(ProvenanceHeaders.SOURCE_FORMAT, utf8("jsonl"));
    headers.add(ProvenanceHeaders.INGEST_TS, utf8(Long.toString(START.toEpochMilli())));
    return headers;
  }

  List<TestRecord<String, CuratedListing>> curated() {
    return curated.readRecordsToList();
  }

  List<TestRecord<String, String>> rejects() {
    return rejects.readRecordsToList();
  }

  /** Advances the wall clock past the ledger's publish interval so changed counts are published. */
  void publishLedger() {
    driver.advanceWallClockTime(cleaner.settings().ledgerPublishInterval());
  }

  /** Latest ledger value per record key, as a compacted-topic reader sees it. */
  Map<String, JsonNode> ledger() {
    for (TestRecord<String, String> record : ledgerTopic.readRecordsToList()) {
      ledger.put(record.key(), json(record.value()));
    }
    return ledger;
  }

  /** The ledger summed per object {@code s3://bucket/key@etag}: curated, rejected, duplicates and reasons. */
  Map<String, Counts> ledgerByObject() {
    Map<String, Counts> sums = new TreeMap<>();
    for (JsonNode value : ledger().values()) {
      String object = "s3://" + value.path("bucket").asText() + "/" + value.path("key").asText() + "@"
          + value.path("etag").asText();
      Counts counts = sums.computeIfAbsent(object, o -> new Counts());
      counts.curated += value.path("curated").asLong();
      counts.rejected += value.path("rejected").asLong();
      counts.duplicates += value.path("duplicates").asLong();
      value.path("rejected_by_reason").fields()
          .forEachRemaining(e -> counts.byReason.merge(e.getKey(), e.getValue().asLong(), Long::sum));
    }
    return sums;
  }

  static final class Counts {
    long curated;
    long rejected;
    long duplicates;
    final Map<String, Long> byReason = new TreeMap<>();

    long total() {
      return curated + rejected + duplicates;
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    driver.close();
    InMemorySchemaRegistryClient.dropScope(scope);
  }
}
