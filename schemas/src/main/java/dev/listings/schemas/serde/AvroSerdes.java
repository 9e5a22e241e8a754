package dev.listings.schemas.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serde;

/**
 * Makes the configured serde for Avro topics: the class named by {@code avro.serde.class} (default {@link
 * RegistryAvroSerde}), instantiated by its public no-argument constructor and configured with the given map, so a
 * deployment switches to {@code io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde} by configuration alone.
 */
public final class AvroSerdes {
  private AvroSerdes() {}

  public static <T extends SpecificRecord> Serde<T> valueSerde(Map<String, ?> config) {
    return serde(config, false);
  }

  public static <T extends SpecificRecord> Serde<T> keySerde(Map<String, ?> config) {
    return serde(config, true);
  }

  @SuppressWarnings("unchecked")
  private static <T extends SpecificRecord> Serde<T> serde(Map<String, ?> config, boolean isKey) {
    String className = new AvroSerdeConfig(config).getString(AvroSerdeConfig.AVRO_SERDE_CLASS);
    Serde<T> serde;
    try {
      Class<?> type = load(className);
      if (!Serde.class.isAssignableFrom(type)) {
        throw new ConfigException(AvroSerdeConfig.AVRO_SERDE_CLASS, className, "is not a Kafka Serde");
      }
      serde = (Serde<T>) type.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new ConfigException(AvroSerdeConfig.AVRO_SERDE_CLASS, className,
          "cannot be instantiated by a public no-argument constructor: " + e);
    }
    serde.configure(config, isKey);
    return serde;
  }

  private static Class<?> load(String className) throws ClassNotFoundException {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null) {
      try {
        return Class.forName(className, true, context);
      } catch (ClassNotFoundException e) {
        // fall back to this library's loader
      }
    }
    return Class.forName(className, true, AvroSerdes.class.getClassLoader());
  }
}
