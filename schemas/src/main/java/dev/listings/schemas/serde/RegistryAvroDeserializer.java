package dev.listings.schemas.serde;

import dev.listings.schemas.registry.SchemaRegistryClient;
import dev.listings.schemas.registry.SchemaRegistryClients;
import dev.listings.schemas.registry.SchemaRegistryException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format Avro: the writer schema comes from the registry by the record's schema id, and Avro's
 * schema resolution reads it into the reader's shape, so records written with an older or newer compatible schema read
 * fine. The reader shape is, in order: a reader schema given to the constructor (generic records); a generated class
 * given to the constructor or by {@code specific.avro.key.type}/{@code specific.avro.value.type}; with {@code
 * specific.avro.reader=true}, the generated class named by the writer schema; else the writer schema itself (generic
 * records). One datum reader per schema id is built and kept. Null reads as null. Thread-safe once configured.
 */
public class RegistryAvroDeserializer<T> implements Deserializer<T> {
  private volatile SchemaRegistryClient client;
  private volatile Schema readerSchema;
  private volatile Class<? extends SpecificRecord> readerType;
  private volatile boolean specificReader;
  private final ConcurrentMap<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

  public RegistryAvroDeserializer() {}

  public RegistryAvroDeserializer(SchemaRegistryClient client) {
    this.client = client;
  }

  /** Reads into this generated class whatever the writer schema is named (it must resolve into it). */
  public RegistryAvroDeserializer(SchemaRegistryClient client, Class<? extends SpecificRecord> readerType) {
    this.client = client;
    this.readerType = readerType;
  }

  /** Reads generic records shaped by this reader schema. */
  public RegistryAvroDeserializer(SchemaRegistryClient client, Schema readerSchema) {
    this.client = client;
    this.readerSchema = readerSchema;
  }

  /** Default for {@code specific.avro.reader} before {@link #configure} (the specific serde turns it on). */
  void useSpecificReader(boolean specific) {
    this.specificReader = specific;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = new AvroSerdeConfig(configs);
    specificReader = config.getBoolean(AvroSerdeConfig.SPECIFIC_AVRO_READER);
    Class<?> type = config.getClass(isKey ? AvroSerdeConfig.SPECIFIC_AVRO_KEY_TYPE
        : AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE);
    if (type != null && readerType == null) {
      if (!SpecificRecord.class.isAssignableFrom(type)) {
        throw new org.apache.kafka.common.config.ConfigException(
            type.getName() + " is not a generated Avro class (SpecificRecord)");
      }
      readerType = (Class<? extends SpecificRecord>) type;
    }
    if (client == null) {
      client = SchemaRegistryClients.fromConfig(configs);
    }
    readers.clear();
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (client == null) {
      throw new IllegalStateException("RegistryAvroDeserializer is not configured: call configure() or pass a client");
    }
    int id = ConfluentWireFormat.schemaId(bytes);
    DatumReader<Object> reader = readers.get(id);
    if (reader == null) {
      reader = readers.computeIfAbsent(id, i -> readerFor(i, topic));
    }
    try {
      var decoder = DecoderFactory.get().binaryDecoder(bytes, ConfluentWireFormat.HEADER_SIZE,
          bytes.length - ConfluentWireFormat.HEADER_SIZE, null);
      return (T) DatumSchemas.forReading(reader.read(null, decoder));
    } catch (Exception e) {
      throw new SerializationException("Cannot read Avro record of topic " + topic + " with schema id " + id
          + ": " + e, e);
    }
  }

  private DatumReader<Object> readerFor(int id, String topic) {
    Schema writer;
    try {
      writer = client.getById(id);
    } catch (SchemaRegistryException e) {
      String why = e.isNotFound() ? "is unknown to the schema registry" : "could not be fetched from the registry";
      throw new SerializationException("Schema id " + id + " of a record on topic " + topic + " " + why
          + ": " + e.getMessage(), e);
    }
    if (readerSchema != null) {
      return new GenericDatumReader<>(writer, readerSchema, GenericData.get());
    }
    if (readerType != null) {
      return specificReader(writer, readerType);
    }
    if (specificReader && writer.getType() == Schema.Type.RECORD) {
      return specificReader(writer, generatedClass(writer, id));
    }
    return new GenericDatumReader<>(writer, writer, GenericData.get());
  }

  private static DatumReader<Object> specificReader(Schema writer, Class<? extends SpecificRecord> type) {
    // A model bound to the class's own loader: records are instances of exactly this class (see SpecificModels).
    SpecificData model = SpecificModels.forType(type);
    return new SpecificDatumReader<>(writer, model.getSchema(type), model);
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends SpecificRecord> generatedClass(Schema writer, int id) {
    String name = SpecificData.getClassName(writer);
    for (ClassLoader loader : new ClassLoader[] {
        Thread.currentThread().getContextClassLoader(), RegistryAvroDeserializer.class.getClassLoader()}) {
      try {
        Class<?> type = Class.forName(name, false, loader);
        if (SpecificRecord.class.isAssignableFrom(type)) {
          return (Class<? extends SpecificRecord>) type;
        }
      } catch (ClassNotFoundException | NullPointerException e) {
        // try the next class loader
      }
    }
    throw new SerializationException("Could not find generated class " + name + " named by the writer schema (id "
        + id + ") to read into with specific.avro.reader=true");
  }

  @Override
  public void close() {
    readers.clear();
  }
}
