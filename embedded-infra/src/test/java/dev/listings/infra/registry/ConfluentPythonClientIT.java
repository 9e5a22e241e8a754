package dev.listings.infra.registry;

import static dev.listings.infra.registry.CuratedListings.listing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.serde.RegistryAvroDeserializer;
import dev.listings.schemas.serde.RegistryAvroSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our serde and embedded registry against Confluent's own client (Debian's python3-confluent-kafka with its Avro
 * serializer): what we write, Confluent reads, and what Confluent writes, we read. The client is installed by
 * {@code scripts/install-test-tools.sh}; CI always runs this test.
 */
@Tag("integration")
class ConfluentPythonClientIT {
  private static final String PYTHON = "/usr/bin/python3";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static EmbeddedKafkaBroker broker;
  private static EmbeddedSchemaRegistry registry;
  private static Path script;

  @BeforeAll
  static void start() throws Exception {
    boolean available = run(List.of(PYTHON, "-c", "import confluent_kafka.avro"), Duration.ofSeconds(30)).exit == 0;
    assumeTrue(available || "true".equals(System.getenv("CI")),
        "Confluent's Python client is not installed: run scripts/install-test-tools.sh");
    assertThat(available).as("Confluent's Python client must be installed in CI").isTrue();
    broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
    registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
    script = dir.resolve("confluent_avro_client.py");
    try (InputStream in = ConfluentPythonClientIT.class.getResourceAsStream("/confluent_avro_client.py")) {
      Files.write(script, in.readAllBytes());
    }
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void confluentReadsWhatOurSerializerWrites() throws Exception {
    String topic = "compat.java-to-python";
    broker.createTopic(topic, 1, Map.of());
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        "schema.registry.url", registry.url());
    try (KafkaProducer<String, CuratedListing> producer =
        new KafkaProducer<>(config, new StringSerializer(), serializer())) {
      // Confluent's AvroConsumer decodes keys as Avro too: the value is what is checked here, so no key.
      producer.send(new ProducerRecord<>(topic, null, listing("0000a4fb"))).get();
    }

    Result result = run(List.of(PYTHON, script.toString(), "consume", broker.bootstrapServers(), registry.url(), topic,
        "1"), Duration.ofSeconds(90));
    assertThat(result.exit).as(result.output).isZero();
    JsonNode value = JSON.readTree(lastLine(result.output)).get(0);
    assertThat(value.path("id").asText()).isEqualTo("0000a4fb");
    assertThat(value.path("scraping_date").asText()).isEqualTo("2021-02-17");
    assertThat(value.path("price").asDouble()).isEqualTo(530_000.0);
    assertThat(value.path("currency").asText()).isEqualTo("EUR");
    assertThat(value.path("source").path("line").asLong()).isEqualTo(1);
  }

  @Test
  void weReadWhatConfluentWrites() throws Exception {
    String topic = "compat.python-to-java";
    broker.createTopic(topic, 1, Map.of());
    String value = "{\"id\":\"py-1\",\"scraping_date\":\"2022-11-24\",\"property_type\":\"house\","
        + "\"municipality\":\"Volketswil\",\"price\":1573000.0,\"currency\":null,\"living_area\":182.0,"
        + "\"price_per_square_meter\":8642.86,\"source\":{\"bucket\":\"landing\",\"key\":\"k\",\"etag\":null,"
        + "\"line\":2,\"ingested_at\":1700000000000},\"rules_version\":null}";
    Result result = run(List.of(PYTHON, script.toString(), "produce", broker.bootstrapServers(), registry.url(), topic,
        CuratedListing.getClassSchema().toString(), value), Duration.ofSeconds(90));
    assertThat(result.exit).as(result.output).isZero();

    Map<String, Object> config = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.GROUP_ID_CONFIG, "java-compat",
        "schema.registry.url", registry.url(),
        "specific.avro.reader", true,
        "specific.avro.value.type", CuratedListing.class.getName());
    RegistryAvroDeserializer<CuratedListing> deserializer = new RegistryAvroDeserializer<>();
    deserializer.configure(config, false);
    try (KafkaConsumer<String, CuratedListing> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), deserializer)) {
      consumer.subscribe(List.of(topic));
      List<CuratedListing> read = new ArrayList<>();
      long deadline = System.currentTimeMillis() + 30_000;
      while (read.isEmpty() && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> read.add(r.value()));
      }
      assertThat(read).hasSize(1);
      CuratedListing listing = read.get(0);
      assertThat(listing.getId()).isEqualTo("py-1");
      assertThat(listing.getScrapingDate()).isEqualTo(LocalDate.of(2022, 11, 24));
      assertThat(listing.getCurrency()).isNull();
      assertThat(listing.getSource().getIngestedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    }
  }

  private static RegistryAvroSerializer<CuratedListing> serializer() {
    RegistryAvroSerializer<CuratedListing> serializer = new RegistryAvroSerializer<>();
    serializer.configure(Map.of("schema.registry.url", registry.url()), false);
    return serializer;
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException notInstalled) {
      return new Result(127, notInstalled.getMessage());
    }
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Result(-1, "timed out: " + new String(output, StandardCharsets.UTF_8));
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1];
  }
}
