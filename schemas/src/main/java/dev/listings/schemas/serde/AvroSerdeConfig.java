package dev.listings.schemas.serde;

import dev.listings.schemas.registry.RegistryClientConfig;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the registry-aware Avro serdes, under Confluent's key names so that the same map configures this serde
 * or Confluent's {@code SpecificAvroSerde}. Registry client keys ({@code schema.registry.url}, {@code
 * basic.auth.user.info}, ...) are read by {@link RegistryClientConfig}; unknown keys are ignored.
 */
public final class AvroSerdeConfig extends AbstractConfig {
  public static final String SCHEMA_REGISTRY_URL = RegistryClientConfig.URL;
  public static final String BASIC_AUTH_USER_INFO = RegistryClientConfig.BASIC_AUTH_USER_INFO;
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
  public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
  public static final String AVRO_REMOVE_JAVA_PROPS = "avro.remove.java.properties";
  public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
  /** Serde class {@link AvroSerdes} instantiates; default {@link RegistryAvroSerde}. */
  public static final String AVRO_SERDE_CLASS = "avro.serde.class";

  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
              "Register the record's schema under the subject when writing; when false, look up its id instead.")
          .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.MEDIUM,
              "With auto.register.schemas=false: write with the subject's latest schema (which must read the "
                  + "record's schema) instead of looking the record's schema up.")
          .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, false, Importance.MEDIUM,
              "Read into the generated class named by the writer schema instead of GenericRecord.")
          .define(SPECIFIC_AVRO_KEY_TYPE, Type.CLASS, null, Importance.LOW,
              "Generated class to read keys into, whatever the writer schema is called.")
          .define(SPECIFIC_AVRO_VALUE_TYPE, Type.CLASS, null, Importance.LOW,
              "Generated class to read values into, whatever the writer schema is called.")
          .define(AVRO_REMOVE_JAVA_PROPS, Type.BOOLEAN, false, Importance.LOW,
              "Strip the Java-only avro.java.string properties before registering.")
          .define(KEY_SUBJECT_NAME_STRATEGY, Type.STRING, null, AvroSerdeConfig::topicNameStrategyOnly,
              Importance.LOW, "Only TopicNameStrategy (<topic>-key) is supported.")
          .define(VALUE_SUBJECT_NAME_STRATEGY, Type.STRING, null, AvroSerdeConfig::topicNameStrategyOnly,
              Importance.LOW, "Only TopicNameStrategy (<topic>-value) is supported.")
          .define(AVRO_SERDE_CLASS, Type.STRING, RegistryAvroSerde.class.getName(), Importance.MEDIUM,
              "Serde class for Avro topics, e.g. io.confluent.kafka.streams.serdes.avro.SpecificAvroSerde.");

  public AvroSerdeConfig(Map<String, ?> originals) {
    super(CONFIG_DEF, originals, false);
  }

  /** Subject of a topic's keys or values under Confluent's TopicNameStrategy. */
  public static String subject(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }

  private static void topicNameStrategyOnly(String name, Object value) {
    if (value != null && !value.toString().endsWith("TopicNameStrategy")) {
      throw new ConfigException(name, value, "only TopicNameStrategy is supported by this serde");
    }
  }
}
