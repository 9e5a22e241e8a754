package dev.listings.schemas.serde;

import static dev.listings.schemas.serde.Listings.listing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.PricePerSqmStats;
import dev.listings.schemas.registry.InMemorySchemaRegistryClient;
import dev.listings.schemas.registry.RegisteredSchema;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerdeConfigurationTest {
  private static final String TOPIC = "listings.curated.v1";

  @AfterEach
  void dropScopes() {
    for (String scope : new String[] {"cfg", "cfg-a", "cfg-b"}) {
      InMemorySchemaRegistryClient.dropScope(scope);
    }
  }

  @Test
  void mockUrlsShareOneRegistryPerScope() {
    Serde<CuratedListing> producer = AvroSerdes.valueSerde(Map.of("schema.registry.url", "mock://cfg-a"));
    Serde<CuratedListing> consumer = AvroSerdes.valueSerde(Map.of("schema.registry.url", "mock://cfg-a"));
    Serde<CuratedListing> elsewhere = AvroSerdes.valueSerde(Map.of("schema.registry.url", "mock://cfg-b"));
    byte[] bytes = producer.serializer().serialize(TOPIC, listing("S-1"));

    assertThat(consumer.deserializer().deserialize(TOPIC, bytes)).isEqualTo(listing("S-1"));
    assertThatThrownBy(() -> elsewhere.deserializer().deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class).hasMessageContaining("unknown to the schema registry");

    InMemorySchemaRegistryClient.dropScope("cfg-a");
    Serde<CuratedListing> afterDrop = AvroSerdes.valueSerde(Map.of("schema.registry.url", "mock://cfg-a"));
    assertThatThrownBy(() -> afterDrop.deserializer().deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void keySerdesUseTheKeySubject() {
    Serde<CuratedListing> keys = AvroSerdes.keySerde(Map.of("schema.registry.url", "mock://cfg"));

    keys.serializer().serialize(TOPIC, listing("S-2"));

    assertThat(InMemorySchemaRegistryClient.forScope("cfg").getAllSubjects()).containsExactly(TOPIC + "-key");
  }

  @Test
  void withoutAutoRegistrationLooksTheSchemaUp() {
    InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.forScope("cfg");
    Serde<CuratedListing> serde = AvroSerdes.valueSerde(
        Map.of("schema.registry.url", "mock://cfg", "auto.register.schemas", "false"));

    assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, listing("S-3")))
        .isInstanceOf(SerializationException.class).hasMessageContaining("not found");
    assertThat(registry.getAllSubjects()).isEmpty();

    registry.register("unrelated-value", PricePerSqmStats.getClassSchema());
    int id = registry.register(TOPIC + "-value", CuratedListing.getClassSchema());
    assertThat(ConfluentWireFormat.schemaId(serde.serializer().serialize(TOPIC, listing("S-3")))).isEqualTo(id);
  }

  @Test
  void useLatestVersionWritesWithTheSubjectsLatestSchema() {
    InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.forScope("cfg");
    Schema latest = Listings.withExtraField(CuratedListing.getClassSchema(),
        "{\"name\":\"agency\",\"type\":[\"null\",\"string\"],\"default\":null}");
    registry.register(TOPIC + "-value", CuratedListing.getClassSchema());
    int latestId = registry.register(TOPIC + "-value", latest);
    Map<String, Object> config = Map.of("schema.registry.url", "mock://cfg", "auto.register.schemas", false,
        "use.latest.version", true);
    Serde<CuratedListing> serde = AvroSerdes.valueSerde(config);

    byte[] bytes = serde.serializer().serialize(TOPIC, listing("S-4"));

    assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(latestId);
    GenericRecord asLatest = new RegistryAvroDeserializer<GenericRecord>(registry).deserialize(TOPIC, bytes);
    assertThat(asLatest.getSchema()).isEqualTo(latest);
    assertThat(asLatest.get("agency")).isNull();
    assertThat(asLatest.get("municipality").toString()).isEqualTo("Zürich");
    assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(listing("S-4"));
  }

  @Test
  void useLatestVersionRefusesALatestSchemaThatCannotHoldTheRecord() {
    InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.forScope("cfg");
    registry.register(TOPIC + "-value", PricePerSqmStats.getClassSchema());
    Serde<CuratedListing> serde = AvroSerdes.valueSerde(Map.of("schema.registry.url", "mock://cfg",
        "auto.register.schemas", false, "use.latest.version", true));

    assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, listing("S-5")))
        .isInstanceOf(SerializationException.class).hasMessageContaining("cannot represent");
  }

  @Test
  void genericReadingReturnsGenericRecordsAndSpecificTypeConfigSelectsTheClass() {
    InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.forScope("cfg");
    byte[] bytes = new RegistryAvroSerde<CuratedListing>(registry).serializer().serialize(TOPIC, listing("S-6"));

    RegistryAvroDeserializer<Object> generic = new RegistryAvroDeserializer<>();
    generic.configure(Map.of("schema.registry.url", "mock://cfg"), false);
    assertThat(generic.deserialize(TOPIC, bytes)).isInstanceOf(GenericRecord.class)
        .isNotInstanceOf(CuratedListing.class);

    RegistryAvroDeserializer<Object> typed = new RegistryAvroDeserializer<>();
    typed.configure(Map.of("schema.registry.url", "mock://cfg", "specific.avro.value.type",
        CuratedListing.class.getName()), false);
    assertThat(typed.deserialize(TOPIC, bytes)).isEqualTo(listing("S-6"));
  }

  @Test
  void roundTripsPrimitives() {
    var serializer = new RegistryAvroSerializer<Object>(InMemorySchemaRegistryClient.forScope("cfg"));
    var deserializer = new RegistryAvroDeserializer<Object>(InMemorySchemaRegistryClient.forScope("cfg"));

    Object[] values = {"text", 42, 42L, 1.5, 2.5f, true};
    for (int i = 0; i < values.length; i++) {
      String topic = "p" + i;
      assertThat(deserializer.deserialize(topic, serializer.serialize(topic, values[i]))).isEqualTo(values[i]);
    }
    assertThat((byte[]) deserializer.deserialize("p", serializer.serialize("p", new byte[] {1, 2})))
        .containsExactly(1, 2);
    assertThatThrownBy(() -> serializer.serialize("p", new Object()))
        .isInstanceOf(SerializationException.class).hasMessageContaining("No Avro schema");
  }

  @Test
  void removesJavaPropertiesWhenAsked() {
    Serde<CuratedListing> serde = AvroSerdes.valueSerde(
        Map.of("schema.registry.url", "mock://cfg", "avro.remove.java.properties", "true"));

    byte[] bytes = serde.serializer().serialize(TOPIC, listing("S-7"));

    RegisteredSchema registered = InMemorySchemaRegistryClient.forScope("cfg").getLatest(TOPIC + "-value");
    assertThat(registered.schema().toString()).doesNotContain("avro.java.string");
    assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(listing("S-7"));
  }

  @Test
  void avroSerdeClassSelectsTheSerdeByName() {
    Map<String, Object> config = new HashMap<>(Map.of("schema.registry.url", "mock://cfg"));
    config.put("avro.serde.class", RecordingSerde.class.getName());

    Serde<CuratedListing> serde = AvroSerdes.keySerde(config);

    assertThat(serde).isInstanceOfSatisfying(RecordingSerde.class, s -> {
      assertThat(s.configuredAsKey).isTrue();
      assertThat(s.configured.get("schema.registry.url")).isEqualTo("mock://cfg");
    });
    assertThat(AvroSerdes.valueSerde(Map.of("schema.registry.url", "mock://cfg")))
        .isExactlyInstanceOf(RegistryAvroSerde.class);
  }

  @Test
  void refusesAnAvroSerdeClassThatCannotBeUsed() {
    assertThatThrownBy(() -> AvroSerdes.valueSerde(Map.of("avro.serde.class", "com.example.Missing")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("com.example.Missing");
    assertThatThrownBy(() -> AvroSerdes.valueSerde(Map.of("avro.serde.class", String.class.getName())))
        .isInstanceOf(ConfigException.class).hasMessageContaining("not a Kafka Serde");
    assertThatThrownBy(() -> AvroSerdes.valueSerde(Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
    assertThatThrownBy(() -> AvroSerdes.valueSerde(Map.of("schema.registry.url", "mock://cfg",
        "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("TopicNameStrategy");
  }

  /** A serde that remembers how it was configured. */
  public static class RecordingSerde extends RegistryAvroSerde<CuratedListing> {
    Map<String, ?> configured;
    boolean configuredAsKey;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
      configured = configs;
      configuredAsKey = isKey;
      super.configure(configs, isKey);
    }
  }
}
