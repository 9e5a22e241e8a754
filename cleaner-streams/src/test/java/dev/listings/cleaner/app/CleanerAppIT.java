package dev.listings.cleaner.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.cleaner.streams.CleanerTopology;
import dev.listings.schemas.ProvenanceHeaders;
import dev.listings.schemas.RawRecordKeys;
import dev.listings.schemas.Topics;
import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.registry.SchemaRegistryClients;
import dev.listings.schemas.serde.RegistryAvroDeserializer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packaged app on an embedded broker and schema registry: it becomes ready once Kafka Streams runs, cleans raw
 * lines into curated (Avro, through the registry) and rejects, accounts for them in the ledger, and counts every outcome
 * and reject reason in its Prometheus metrics.
 */
@QuarkusTest
@Tag("integration")
@WithTestResource(CleanerStackResource.class)
class CleanerAppIT {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OBJECT_KEY = "app-it/2026/01/05/a.jsonl";
  private static final Pattern LINES_METRIC =
      Pattern.compile("(?m)^listings_cleaner_lines_total\\{([^}]*)}\\s+(\\S+)$");

  CleanerStack stack;

  @TestHTTPResource("/q/health/ready")
  URL ready;

  @TestHTTPResource("/q/health/live")
  URL live;

  @TestHTTPResource("/q/metrics")
  URL metrics;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void cleansLinesIntoCuratedAndRejectsAndCountsEveryOutcome() throws Exception {
    awaitReady();
    List<String> lines = List.of(
        "{\"id\":\"it-1\",\"raw_price\":\"CHF 1'250'000\",\"living_area\":\"84 m²\",\"property_type\":\" Apartment \","
            + "\"municipality\":\"Zürich\",\"scraping_date\":\"17.02.2021\"}",
        "{\"id\":\"it-2\",\"raw_price\":\"530 000€/mo.\",\"living_area\":84.0,\"property_type\":\"apartment\","
            + "\"municipality\":\"Solothurn\",\"scraping_date\":\"2021-02-17\"}",
        "{\"id\":\"it-3\",\"raw_price\":450000,\"living_area\":120,\"property_type\":\"house\","
            + "\"municipality\":\"Bern\",\"scraping_date\":\"2022-11-24T10:00:00Z\"}",
        // it-2 scraped again unchanged: a duplicate, counted but not emitted.
        "{\"id\":\"it-2\",\"raw_price\":\"530 000€/mo.\",\"living_area\":84.0,\"property_type\":\"apartment\","
            + "\"municipality\":\"Solothurn\",\"scraping_date\":\"2021-02-17\"}",
        "{\"id\":\"it-4\",\"raw_price\":\"Price on request\",\"living_area\":90,\"property_type\":\"house\","
            + "\"municipality\":\"Thun\",\"scraping_date\":\"2021-02-17\"}",
        "{\"id\":\"it-5\",\"raw_price\":\"CHF 900'000\",\"living_area\":100,\"property_type\":\"studio\","
            + "\"municipality\":\"Biel\",\"scraping_date\":\"2021-02-17\"}",
        "{oops");
    send(lines);

    List<ConsumerRecord<String, byte[]>> curated = awaitRecords(Topics.CURATED, 3);
    Map<String, CuratedListing> byId = new TreeMap<>();
    try (RegistryAvroDeserializer<CuratedListing> avro = new RegistryAvroDeserializer<>(
        SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", stack.registry().url())),
        CuratedListing.class)) {
      for (ConsumerRecord<String, byte[]> record : curated) {
        CuratedListing listing = avro.deserialize(record.topic(), record.value());
        assertThat(listing.getId()).isEqualTo(record.key());
        byId.put(listing.getId(), listing);
      }
    }
    assertThat(byId).containsOnlyKeys("it-1", "it-2", "it-3");
    CuratedListing zurich = byId.get("it-1");
    assertThat(zurich.getPrice()).isEqualTo(1_250_000d);
    assertThat(zurich.getCurrency()).isEqualTo("CHF");
    assertThat(zurich.getLivingArea()).isEqualTo(84d);
    assertThat(zurich.getPropertyType()).isEqualTo("apartment");
    assertThat(zurich.getScrapingDate()).isEqualTo(LocalDate.of(2021, 2, 17));
    assertThat(zurich.getPricePerSquareMeter()).isEqualTo(14_880.95);
    assertThat(zurich.getSource().getKey()).isEqualTo(OBJECT_KEY);
    assertThat(zurich.getSource().getLine()).isEqualTo(1L);
    assertThat(byId.get("it-2").getCurrency()).isEqualTo("EUR");
    assertThat(byId.get("it-3").getCurrency()).isNull();
    assertThat(byId.get("it-3").getScrapingDate()).isEqualTo(LocalDate.of(2022, 11, 24));

    List<ConsumerRecord<String, byte[]>> rejects = awaitRecords(Topics.REJECTS, 3, ofObject(OBJECT_KEY));
    Map<Long, String> reasonByLine = new TreeMap<>();
    for (ConsumerRecord<String, byte[]> record : rejects) {
      JsonNode reject = JSON.readTree(record.value());
      reasonByLine.put(reject.path("provenance").path("line").asLong(), reject.path("reason").asText());
      assertThat(new String(record.headers().lastHeader(ProvenanceHeaders.REJECT_REASON).value(),
          StandardCharsets.UTF_8)).isEqualTo(reject.path("reason").asText());
    }
    assertThat(reasonByLine).containsExactly(Map.entry(5L, "PRICE_UNPARSEABLE"),
        Map.entry(6L, "PROPERTY_TYPE_EXCLUDED"), Map.entry(7L, "MALFORMED_RECORD"));

    String object = "s3://landing/" + OBJECT_KEY + "@etag-it";
    await(() -> ledgerTotals().getOrDefault(object, new long[3])[0] == 3
        && ledgerTotals().get(object)[1] == 3 && ledgerTotals().get(object)[2] == 1);

    String prometheus = get(metrics).body();
    Map<String, Double> counters = linesCounters(prometheus);
    assertThat(counters)
        .containsEntry("curated/none", 3.0)
        .containsEntry("duplicate/none", 1.0)
        .containsEntry("rejected/PRICE_UNPARSEABLE", 1.0)
        .containsEntry("rejected/PROPERTY_TYPE_EXCLUDED", 1.0)
        .containsEntry("rejected/MALFORMED_RECORD", 1.0)
        // Every reason is registered at start, so dashboards see zeros rather than missing series.
        .containsEntry("rejected/AREA_OUT_OF_RANGE", 0.0)
        .containsEntry("rejected/PRODUCTION_ERROR", 0.0);
    // Kafka Streams' own metrics (threads, tasks, clients) are bound to the same registry.
    assertThat(prometheus).containsPattern("(?m)^kafka_stream_\\w+");
  }

  @Test
  void publishesAnAppErrorEventForARecordTheExceptionHandlersRouted() throws Exception {
    awaitReady();
    // A repartition record no version of the cleaner could have written: the deserialization handler routes it.
    ProducerRecord<String, byte[]> garbage = new ProducerRecord<>(
        CleanerTopology.repartitionTopic(CleanerTopology.DEFAULT_APPLICATION_ID), "it-bad", utf8("garbage"));
    garbage.headers()
        .add(ProvenanceHeaders.SOURCE_BUCKET, utf8("landing"))
        .add(ProvenanceHeaders.SOURCE_KEY, utf8("app-it/errors/b.jsonl"))
        .add(ProvenanceHeaders.SOURCE_ETAG, utf8("etag-bad"))
        .add(ProvenanceHeaders.SOURCE_LINE, utf8("1"));
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers()), new StringSerializer(),
        new ByteArraySerializer())) {
      producer.send(garbage).get();
    }

    List<ConsumerRecord<String, byte[]>> events = awaitRecords(Topics.APP_ERRORS, 1);

    ConsumerRecord<String, byte[]> record = events.get(0);
    JsonNode event = JSON.readTree(record.value());
    assertThat(record.key()).isEqualTo("listings-cleaner");
    assertThat(event.path("app").asText()).isEqualTo("listings-cleaner");
    assertThat(event.path("kind").asText()).isEqualTo("HANDLER_ROUTED_ERROR");
    assertThat(event.path("message").asText()).startsWith("the record could not be deserialized");
    assertThat(Instant.parse(event.path("at").asText())).isBefore(Instant.now().plusSeconds(1));
    assertThat(event.path("details").path("reason").asText()).isEqualTo("DESERIALIZATION_ERROR");
    assertThat(event.path("details").path("topic").asText()).isEqualTo(garbage.topic());
    // The line itself reaches the rejects, as every handler-routed record does.
    awaitRecords(Topics.REJECTS, 1, ofObject("app-it/errors/b.jsonl"));
  }

  @Test
  void isLiveAndReadyOnlyWithKafkaStreamsRunning() throws Exception {
    awaitReady();
    JsonNode readiness = JSON.readTree(get(ready).body());
    assertThat(readiness.path("status").asText()).isEqualTo("UP");
    List<String> running = new ArrayList<>();
    readiness.path("checks").forEach(check -> {
      if (check.path("name").asText().equals("Kafka Streams running")) {
        running.add(check.path("status").asText() + " " + check.path("data").path("state").asText());
      }
    });
    assertThat(running).containsExactly("UP RUNNING");

    HttpResponse<String> liveness = get(live);
    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(liveness.body()).path("status").asText()).isEqualTo("UP");
  }

  private void awaitReady() throws Exception {
    await(() -> {
      try {
        return get(ready).statusCode() == 200;
      } catch (IOException e) {
        return false;
      }
    });
  }

  private void send(List<String> lines) {
    Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers(),
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < lines.size(); i++) {
        byte[] line = lines.get(i).getBytes(StandardCharsets.UTF_8);
        // Keyed as the connector keys raw records: by listing id, else by object.
        ProducerRecord<String, byte[]> record =
            new ProducerRecord<>(Topics.RAW, RawRecordKeys.of(line, "s3://landing/" + OBJECT_KEY), line);
        record.headers()
            .add(ProvenanceHeaders.SOURCE_BUCKET, utf8("landing"))
            .add(ProvenanceHeaders.SOURCE_KEY, utf8(OBJECT_KEY))
            .add(ProvenanceHeaders.SOURCE_ETAG, utf8("etag-it"))
            .add(ProvenanceHeaders.SOURCE_LINE, utf8(Integer.toString(i + 1)))
            .add(ProvenanceHeaders.SOURCE_FORMAT, utf8("jsonl"))
            .add(ProvenanceHeaders.INGEST_TS, utf8(Long.toString(System.currentTimeMillis())));
        producer.send(record);
      }
      producer.flush();
    }
  }

  /** Waits until {@code topic} holds {@code count} committed records, then checks it holds no more. */
  private List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, int count) throws Exception {
    return awaitRecords(topic, count, record -> true);
  }

  /** As {@link #awaitRecords(String, int)}, counting only the records {@code filter} accepts. */
  private List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, int count,
      Predicate<ConsumerRecord<String, byte[]>> filter) throws Exception {
    await(() -> readCommitted(topic).stream().filter(filter).count() >= count);
    List<ConsumerRecord<String, byte[]>> records = readCommitted(topic).stream().filter(filter).toList();
    assertThat(records).hasSize(count);
    return records;
  }

  /** Records whose provenance is the given object key. */
  private static Predicate<ConsumerRecord<String, byte[]>> ofObject(String objectKey) {
    return record -> {
      var key = record.headers().lastHeader(ProvenanceHeaders.SOURCE_KEY);
      return key != null && new String(key.value(), StandardCharsets.UTF_8).equals(objectKey);
    };
  }

  /** curated, rejected, duplicates per object: the latest ledger value per key, summed per object. */
  private Map<String, long[]> ledgerTotals() {
    Map<String, JsonNode> latest = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : readCommitted(Topics.LEDGER)) {
      try {
        latest.put(record.key(), JSON.readTree(record.value()));
      } catch (IOException e) {
        throw new AssertionError("ledger value is not JSON: " + record, e);
      }
    }
    Map<String, long[]> totals = new HashMap<>();
    for (JsonNode value : latest.values()) {
      long[] sum = totals.computeIfAbsent("s3://" + value.path("bucket").asText() + "/" + value.path("key").asText()
          + "@" + value.path("etag").asText(), o -> new long[3]);
      sum[0] += value.path("curated").asLong();
      sum[1] += value.path("rejected").asLong();
      sum[2] += value.path("duplicates").asLong();
    }
    return totals;
  }

  private List<ConsumerRecord<String, byte[]>> readCommitted(String topic) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.currentTimeMillis() + 10_000;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
          && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  /** {@code listings_cleaner_lines_total} by {@code outcome/reason}. */
  private static Map<String, Double> linesCounters(String prometheus) {
    Map<String, Double> counters = new TreeMap<>();
    Matcher matcher = LINES_METRIC.matcher(prometheus);
    while (matcher.find()) {
      Map<String, String> labels = new HashMap<>();
      for (String label : matcher.group(1).split(",")) {
        String[] pair = label.split("=", 2);
        labels.put(pair[0].trim(), pair[1].replace("\"", ""));
      }
      counters.put(labels.get("outcome") + "/" + labels.get("reason"), Double.parseDouble(matcher.group(2)));
    }
    return counters;
  }

  private HttpResponse<String> get(URL url) throws IOException {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT.toMillis();
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met within " + WAIT);
      }
      Thread.sleep(250);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
