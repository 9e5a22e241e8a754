package dev.listings.schemas.serde;

import dev.listings.schemas.registry.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for generated Avro classes in Confluent's wire format, the counterpart of Confluent's {@code
 * SpecificAvroSerde} and configured with the same keys ({@code specific.avro.reader} defaults to true here). One
 * instance may be shared by all stream threads.
 */
public class RegistryAvroSerde<T extends SpecificRecord> implements Serde<T> {
  private final RegistryAvroSerializer<T> serializer;
  private final RegistryAvroDeserializer<T> deserializer;

  /** For configuration by class name: {@link #configure} connects to {@code schema.registry.url}. */
  public RegistryAvroSerde() {
    this(new RegistryAvroSerializer<>(), new RegistryAvroDeserializer<>());
  }

  /** Uses this registry client; usable without {@link #configure} (values, auto-registration). */
  public RegistryAvroSerde(SchemaRegistryClient client) {
    this(new RegistryAvroSerializer<>(client), new RegistryAvroDeserializer<>(client));
  }

  /** Uses this registry client and always reads into {@code type}. */
  public RegistryAvroSerde(SchemaRegistryClient client, Class<T> type) {
    this(new RegistryAvroSerializer<>(client), new RegistryAvroDeserializer<>(client, type));
  }

  private RegistryAvroSerde(RegistryAvroSerializer<T> serializer, RegistryAvroDeserializer<T> deserializer) {
    this.serializer = serializer;
    this.deserializer = deserializer;
    deserializer.useSpecificReader(true);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    Map<String, Object> specific = new HashMap<>(configs);
    specific.putIfAbsent(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
    serializer.configure(specific, isKey);
    deserializer.configure(specific, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }
}
