package dev.listings.local.run;

import dev.listings.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Decodes any Confluent-framed Avro value (magic byte 0, schema id, Avro binary) into a {@link GenericRecord} with the
 * writer's schema from the registry, so the command line can print every Avro topic without knowing its class.
 */
public final class GenericAvroDecoder {
  private final SchemaRegistryClient registry;
  private final Map<Integer, GenericDatumReader<GenericRecord>> readers = new ConcurrentHashMap<>();

  public GenericAvroDecoder(SchemaRegistryClient registry) {
    this.registry = registry;
  }

  public GenericRecord decode(byte[] framed) {
    ByteBuffer buffer = ByteBuffer.wrap(framed);
    if (framed.length < 5 || buffer.get() != 0) {
      throw new SerializationException("Not a Confluent-framed Avro value (no magic byte 0)");
    }
    int schemaId = buffer.getInt();
    GenericDatumReader<GenericRecord> reader =
        readers.computeIfAbsent(schemaId, id -> new GenericDatumReader<>(schema(id)));
    try {
      return reader.read(
          null, DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, null));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot decode Avro value with schema id " + schemaId, e);
    }
  }

  private Schema schema(int id) {
    try {
      return registry.getById(id);
    } catch (Exception e) {
      throw new SerializationException("Schema id " + id + " is not in the registry: " + e.getMessage(), e);
    }
  }
}
