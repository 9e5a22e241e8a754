package dev.listings.ingest;

import dev.listings.ingest.config.ConfigChecks;
import dev.listings.ingest.offset.ObjectOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Kafka Connect source connector that turns each object of the S3 landing bucket into raw records, one per line (JSON
 * lines) or row (CSV), with provenance headers and one audit event per object, exactly once where the worker enables
 * exactly-once source support. Tasks share the objects by key; see the module README for the offset model.
 */
public class S3ListingsSourceConnector extends SourceConnector {
  public static final String VERSION = versionOf(S3ListingsSourceConnector.class);
  static final String VALUE_CONVERTER = "value.converter";
  static final String KEY_CONVERTER = "key.converter";
  static final String BYTE_ARRAY_CONVERTER = "org.apache.kafka.connect.converters.ByteArrayConverter";
  static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";

  private Map<String, String> props;

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    new S3SourceConfig(props); // fails the connector at once on a bad configuration
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return S3ListingsSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    int tasks = Math.max(1, maxTasks);
    return IntStream.range(0, tasks).mapToObj(i -> S3SourceTaskConfig.forTask(props, i, tasks)).toList();
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return S3SourceConfig.CONFIG_DEF;
  }

  /** Single keys as the {@link ConfigDef} checks them, then the checks across keys and the converters. */
  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = super.validate(connectorConfigs);
    List<ConfigValue> values = new ArrayList<>(config.configValues());
    boolean keysValid = values.stream().allMatch(v -> v.errorMessages().isEmpty());
    if (keysValid) {
      S3SourceConfig parsed = new S3SourceConfig(S3SourceConfig.CONFIG_DEF, connectorConfigs, false);
      for (ConfigChecks.Problem problem : ConfigChecks.crossFieldProblems(parsed)) {
        values.stream().filter(v -> v.name().equals(problem.key())).findFirst()
            .ifPresent(v -> v.addErrorMessage(problem.message()));
      }
    }
    requireConverter(values, connectorConfigs, VALUE_CONVERTER, BYTE_ARRAY_CONVERTER,
        "so that each record's value is the line's bytes, untouched");
    requireConverter(values, connectorConfigs, KEY_CONVERTER, STRING_CONVERTER,
        "so that each record's key is text: the listing id, or s3://bucket/key");
    return new Config(values);
  }

  private static void requireConverter(List<ConfigValue> values, Map<String, String> configs, String name,
      String expected, String why) {
    String actual = configs.get(name);
    if (actual == null || !actual.trim().equals(expected)) {
      values.add(new ConfigValue(name, actual, List.of(), List.of(name + " must be " + expected + " " + why + ".")));
    }
  }

  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    // Offsets say exactly where each object stands, and reads resume there: one transaction per poll suffices.
    return ExactlyOnceSupport.SUPPORTED;
  }

  @Override
  public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
    return ConnectorTransactionBoundaries.UNSUPPORTED;
  }

  /**
   * Accepts offsets of the shape the tasks write ({@code null} resets an object: it is ingested again when next
   * discovered) and rejects anything else, so a hand-made offset cannot make a task skip or repeat lines silently.
   */
  @Override
  public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
    offsets.forEach((partition, offset) -> {
      ObjectOffset.checkPartition(partition);
      if (offset != null) {
        ObjectOffset.fromMap(offset);
      }
    });
    return true;
  }

  private static String versionOf(Class<?> type) {
    String version = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
    return version == null ? "unknown" : version;
  }
}
