package dev.listings.schemas.serde;

import static dev.listings.schemas.serde.Listings.listing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.registry.InMemorySchemaRegistryClient;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class RegistryAvroSerdeTest {
  private static final String TOPIC = "listings.curated.v1";

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final RegistryAvroSerde<CuratedListing> serde = new RegistryAvroSerde<>(registry);

  @Test
  void roundTripsACuratedListing() {
    CuratedListing listing = listing("L-1");

    byte[] bytes = serde.serializer().serialize(TOPIC, listing);

    assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(listing);
    assertThat(registry.getAllSubjects()).containsExactly(TOPIC + "-value");
  }

  @Test
  void writesConfluentsWireFormat() throws Exception {
    registry.register("padding-value", Schema.create(Schema.Type.STRING));
    CuratedListing listing = listing("L-2");

    byte[] bytes = serde.serializer().serialize(TOPIC, listing);

    int id = registry.lookup(TOPIC + "-value", CuratedListing.getClassSchema()).id();
    assertThat(id).isEqualTo(2);
    assertThat(bytes[0]).isZero();
    assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
    assertThat(ConfluentWireFormat.schemaId(bytes)).isEqualTo(id);
    assertThat(java.util.Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(plainAvro(listing));
  }

  @Test
  void passesTombstonesThrough() {
    assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
    assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
  }

  @Test
  void refusesBytesThatAreNotInTheWireFormat() {
    byte[] good = serde.serializer().serialize(TOPIC, listing("L-3"));
    byte[] wrongMagic = good.clone();
    wrongMagic[0] = 1;

    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, wrongMagic))
        .isInstanceOf(SerializationException.class).hasMessageContaining("Unknown magic byte 0x01");
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, new byte[] {0, 0, 1}))
        .isInstanceOf(SerializationException.class).hasMessageContaining("too short");
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, "{\"id\":1}".getBytes()))
        .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte");
  }

  @Test
  void refusesAnUnknownSchemaId() {
    byte[] bytes = serde.serializer().serialize(TOPIC, listing("L-4"));
    bytes[4] = 99;

    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Schema id 99").hasMessageContaining("unknown to the schema registry");
  }

  @Test
  void refusesATruncatedPayload() {
    byte[] bytes = serde.serializer().serialize(TOPIC, listing("L-5"));
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 20);

    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
        .isInstanceOf(SerializationException.class).hasMessageContaining("schema id 1");
  }

  @Test
  void readsRecordsWrittenWithAnOlderSchema() {
    Schema older = Listings.without(CuratedListing.getClassSchema(), "rules_version");
    byte[] bytes = new RegistryAvroSerializer<GenericRecord>(registry)
        .serialize(TOPIC, Listings.asGeneric(listing("L-6"), older));

    CuratedListing read = serde.deserializer().deserialize(TOPIC, bytes);

    CuratedListing expected = listing("L-6");
    expected.setRulesVersion(null);
    assertThat(read).isEqualTo(expected);
  }

  @Test
  void readsRecordsWrittenWithANewerSchema() {
    Schema newer = Listings.withExtraField(CuratedListing.getClassSchema(),
        "{\"name\":\"agency\",\"type\":[\"null\",\"string\"],\"default\":null}");
    GenericRecord written = Listings.asGeneric(listing("L-7"), newer);
    written.put("agency", "Immo AG");
    byte[] bytes = new RegistryAvroSerializer<GenericRecord>(registry).serialize(TOPIC, written);

    assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(listing("L-7"));
  }

  @Test
  void readsVersionOneDataWithAVersionTwoReaderThatAddedAFieldWithDefault() {
    Schema v1 = Listings.releasedV1();
    Schema v2 = Listings.withExtraField(v1, "{\"name\":\"floor\",\"type\":\"int\",\"default\":-1}");
    byte[] bytes = new RegistryAvroSerializer<GenericRecord>(registry)
        .serialize(TOPIC, Listings.asGeneric(listing("L-8"), v1));
    registry.register(TOPIC + "-value", v2);

    GenericRecord read = new RegistryAvroDeserializer<GenericRecord>(registry, v2).deserialize(TOPIC, bytes);

    assertThat(read.getSchema()).isEqualTo(v2);
    assertThat(read.get("floor")).isEqualTo(-1);
    assertThat(read.get("id").toString()).isEqualTo("L-8");
    assertThat(read.get("price")).isEqualTo(1_250_000.0);
    assertThat(((GenericRecord) read.get("source")).get("line")).isEqualTo(42L);
  }

  @Test
  void sharesOneInstanceSafelyAcrossThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          int ok = 0;
          for (int i = 0; i < 300; i++) {
            CuratedListing listing = listing("T" + thread + "-" + i);
            if (serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, listing))
                .equals(listing)) {
              ok++;
            }
          }
          return ok;
        }));
      }
      for (Future<Integer> result : results) {
        assertThat(result.get()).isEqualTo(300);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(registry.getAllVersions(TOPIC + "-value")).containsExactly(1);
  }

  @Test
  void worksWithoutConfigureWhenGivenAClientAndAfterConfigure() {
    serde.configure(Map.of(), false);
    CuratedListing listing = listing("L-9");

    assertThat(serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, listing)))
        .isEqualTo(listing);
  }

  private static byte[] plainAvro(CuratedListing listing) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<>(CuratedListing.class).write(listing, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
