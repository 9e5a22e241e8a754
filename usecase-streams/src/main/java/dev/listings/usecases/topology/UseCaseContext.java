package dev.listings.usecases.topology;

import dev.listings.schemas.serde.AvroSerdeConfig;
import dev.listings.schemas.serde.AvroSerdes;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * What a {@link UseCase} needs from the surrounding topology: its output topic, the registry-aware serde for its Avro
 * output, its options and the metrics it reports to.
 */
public final class UseCaseContext {
  private final String useCase;
  private final String outputTopic;
  private final Map<String, Object> serdeConfig;
  private final UseCaseOptions options;
  private final UseCaseMetrics metrics;

  public UseCaseContext(
      String useCase,
      String outputTopic,
      Map<String, ?> serdeConfig,
      UseCaseOptions options,
      UseCaseMetrics metrics) {
    this.useCase = useCase;
    this.outputTopic = outputTopic;
    this.serdeConfig = avroReaderConfig(serdeConfig);
    this.options = options;
    this.metrics = metrics;
  }

  public String useCase() {
    return useCase;
  }

  public String outputTopic() {
    return outputTopic;
  }

  public UseCaseOptions options() {
    return options;
  }

  public UseCaseMetrics metrics() {
    return metrics;
  }

  /**
   * A value serde for an Avro topic of {@code type}, of the class named by {@code avro.serde.class} (registry-aware by
   * default).
   */
  public <T extends SpecificRecord> Serde<T> avroValueSerde(Class<T> type) {
    return avroValueSerde(serdeConfig, type);
  }

  /**
   * The configured Avro serde, reading into {@code type} whatever the writer schema is named (a renamed or older
   * writer schema resolves into the class this code was compiled against).
   */
  static <T extends SpecificRecord> Serde<T> avroValueSerde(Map<String, ?> serdeConfig, Class<T> type) {
    Map<String, Object> typed = new HashMap<>(serdeConfig);
    typed.put(AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, type);
    return AvroSerdes.valueSerde(typed);
  }

  /**
   * The serde configuration with {@code specific.avro.reader=true} unless set: Confluent's serde reads generic records
   * otherwise, and every topology here reads generated classes.
   */
  static Map<String, Object> avroReaderConfig(Map<String, ?> config) {
    Map<String, Object> copy = new HashMap<>(config);
    copy.putIfAbsent(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
    return Map.copyOf(copy);
  }
}
