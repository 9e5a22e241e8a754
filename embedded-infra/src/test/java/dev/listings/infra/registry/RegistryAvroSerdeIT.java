package dev.listings.infra.registry;

import static dev.listings.infra.registry.CuratedListings.listing;
import static dev.listings.infra.registry.CuratedListings.withExtraField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.schemas.Topics;
import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.registry.RestSchemaRegistryClient;
import dev.listings.schemas.registry.SchemaRegistryException;
import dev.listings.schemas.serde.AvroSerdes;
import dev.listings.schemas.serde.ConfluentWireFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Curated listings through a real broker and the embedded registry, over the REST client and the serde. */
@Tag("integration")
class RegistryAvroSerdeIT {
  @TempDir static Path dataDir;
  private static EmbeddedKafkaBroker broker;
  private static EmbeddedSchemaRegistry registry;

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedKafkaBroker.start(dataDir, 0);
    registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
  }

  @AfterAll
  static void stop() {
    registry.close();
    broker.close();
  }

  @Test
  void roundTripsCuratedListingsThroughKafka() {
    broker.createTopic(Topics.CURATED, 1, Map.of());
    Serde<CuratedListing> serde = AvroSerdes.valueSerde(Map.of("schema.registry.url", registry.url()));
    List<CuratedListing> sent = List.of(listing("K-1"), listing("K-2"), listing("K-3"));

    try (KafkaProducer<String, CuratedListing> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        new StringSerializer(), serde.serializer())) {
      sent.forEach(l -> producer.send(new ProducerRecord<>(Topics.CURATED, l.getId(), l)));
      producer.send(new ProducerRecord<>(Topics.CURATED, "K-1", null));
    }

    List<ConsumerRecord<String, byte[]>> raw = consume(Topics.CURATED, 4);
    List<CuratedListing> received = new ArrayList<>();
    raw.forEach(r -> received.add(serde.deserializer().deserialize(Topics.CURATED, r.value())));
    assertThat(received).containsExactly(sent.get(0), sent.get(1), sent.get(2), null);

    var client = new RestSchemaRegistryClient(List.of(registry.url()));
    var latest = client.getLatest(Topics.CURATED + "-value");
    assertThat(latest.version()).isEqualTo(1);
    assertThat(ConfluentWireFormat.schemaId(raw.get(0).value())).isEqualTo(latest.id());
    assertThat(latest.schema()).isEqualTo(CuratedListing.getClassSchema());
  }

  @Test
  void refusesAnIncompatibleSchemaWith409() {
    var client = new RestSchemaRegistryClient(List.of(registry.url()));
    String subject = "compat-test-value";
    client.register(subject, CuratedListing.getClassSchema());
    Schema withRequiredField = withExtraField(CuratedListing.getClassSchema(),
        "{\"name\":\"floor\",\"type\":\"int\"}");
    Schema withOptionalField = withExtraField(CuratedListing.getClassSchema(),
        "{\"name\":\"floor\",\"type\":[\"null\",\"int\"],\"default\":null}");

    assertThat(client.testCompatibility(subject, withRequiredField)).isFalse();
    assertThat(client.testCompatibility(subject, withOptionalField)).isTrue();
    assertThatThrownBy(() -> client.register(subject, withRequiredField))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(409);
          assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
          assertThat(e.getMessage()).contains("incompatible", "floor");
        });
    assertThat(client.getAllVersions(subject)).containsExactly(1);
  }

  @Test
  void keepsSchemaIdsAcrossARegistryRestart() {
    String topic = "restart-test";
    Serde<CuratedListing> before = AvroSerdes.valueSerde(Map.of("schema.registry.url", registry.url()));
    byte[] bytes = before.serializer().serialize(topic, listing("R-1"));
    int id = ConfluentWireFormat.schemaId(bytes);

    int port = registry.port();
    registry.close();
    registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), port);

    var client = new RestSchemaRegistryClient(List.of(registry.url()));
    assertThat(client.getById(id)).isEqualTo(CuratedListing.getClassSchema());
    assertThat(client.register(topic + "-value", CuratedListing.getClassSchema())).isEqualTo(id);
    Serde<CuratedListing> after = AvroSerdes.valueSerde(Map.of("schema.registry.url", registry.url()));
    assertThat(after.deserializer().deserialize(topic, bytes)).isEqualTo(listing("R-1"));
  }

  private static List<ConsumerRecord<String, byte[]>> consume(String topic, int count) {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.GROUP_ID_CONFIG, "serde-it",
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 30_000;
      while (records.size() < count && System.currentTimeMillis() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    assertThat(records).hasSize(count);
    return records;
  }
}
