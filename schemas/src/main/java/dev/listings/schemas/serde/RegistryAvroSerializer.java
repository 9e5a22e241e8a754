package dev.listings.schemas.serde;

import dev.listings.schemas.registry.AvroSchemas;
import dev.listings.schemas.registry.RegisteredSchema;
import dev.listings.schemas.registry.SchemaRegistryClient;
import dev.listings.schemas.registry.SchemaRegistryClients;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro values in Confluent's wire format under the subject {@code <topic>-value} (or {@code -key}). The schema
 * id is resolved once per (subject, schema, kind of value) — registered ({@code auto.register.schemas=true}, the
 * default), looked up, or taken from the subject's latest version ({@code use.latest.version}) — and kept with its
 * datum writer, so the per-record work is one map lookup and the encoding. Null is written as null (a tombstone).
 * Thread-safe once configured.
 */
public class RegistryAvroSerializer<T> implements Serializer<T> {
  private volatile SchemaRegistryClient client;
  private volatile boolean isKey;
  private volatile boolean autoRegister = true;
  private volatile boolean useLatestVersion;
  private volatile boolean removeJavaProperties;
  private final ConcurrentMap<PlanKey, WritePlan> plans = new ConcurrentHashMap<>();

  private record PlanKey(String subject, Schema schema, Class<?> type) {}

  /** For configuration by class name; {@link #configure} makes the registry client from {@code schema.registry.url}. */
  public RegistryAvroSerializer() {}

  /** Uses this registry client whatever the configuration says about URLs (tests, shared clients). */
  public RegistryAvroSerializer(SchemaRegistryClient client) {
    this.client = client;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = new AvroSerdeConfig(configs);
    this.isKey = isKey;
    this.autoRegister = config.getBoolean(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS);
    this.useLatestVersion = config.getBoolean(AvroSerdeConfig.USE_LATEST_VERSION);
    this.removeJavaProperties = config.getBoolean(AvroSerdeConfig.AVRO_REMOVE_JAVA_PROPS);
    if (client == null) {
      client = SchemaRegistryClients.fromConfig(configs);
    }
    plans.clear();
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    if (client == null) {
      throw new IllegalStateException("RegistryAvroSerializer is not configured: call configure() or pass a client");
    }
    String subject = AvroSerdeConfig.subject(topic, isKey);
    Object value = DatumSchemas.forWriting(data);
    try {
      Schema schema = DatumSchemas.of(value);
      Class<?> type = value instanceof SpecificRecord ? value.getClass() : null;
      WritePlan plan = plans.get(new PlanKey(subject, schema, type));
      if (plan == null) {
        plan = plans.computeIfAbsent(new PlanKey(subject, schema, type), this::plan);
      }
      return plan.write(value);
    } catch (SerializationException e) {
      throw e;
    } catch (Exception e) {
      throw new SerializationException(
          "Cannot serialize a " + data.getClass().getName() + " for topic " + topic + " (subject " + subject
              + "): " + e.getMessage(), e);
    }
  }

  private WritePlan plan(PlanKey key) {
    Schema registered = removeJavaProperties ? AvroSchemas.withoutJavaProperties(key.schema()) : key.schema();
    boolean specific = key.type() != null;
    if (autoRegister) {
      return WritePlan.direct(client.register(key.subject(), registered), key.schema(), specific, key.type());
    }
    if (useLatestVersion) {
      RegisteredSchema latest = client.getLatest(key.subject());
      return WritePlan.into(latest.id(), latest.schema(), key.schema(), specific, key.type());
    }
    RegisteredSchema found = client.lookup(key.subject(), registered);
    return WritePlan.direct(found.id(), key.schema(), specific, key.type());
  }

  @Override
  public void close() {
    plans.clear();
  }
}
