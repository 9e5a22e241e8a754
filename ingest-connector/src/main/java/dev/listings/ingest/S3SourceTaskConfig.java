package dev.listings.ingest;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * A task's configuration: the connector's, plus which share of the objects the task owns. The connector sets the two
 * task keys; people never do, which is why they are not part of {@link S3SourceConfig#CONFIG_DEF}.
 */
public final class S3SourceTaskConfig extends S3SourceConfig {
  public static final String TASK_INDEX_CONFIG = "task.index";
  public static final String TASK_COUNT_CONFIG = "task.count";

  public static final ConfigDef TASK_CONFIG_DEF =
      new ConfigDef(CONFIG_DEF)
          .define(TASK_INDEX_CONFIG, Type.INT, 0, Range.atLeast(0), Importance.LOW,
              "Index of this task among the connector's tasks (set by the connector).")
          .define(TASK_COUNT_CONFIG, Type.INT, 1, Range.atLeast(1), Importance.LOW,
              "Number of tasks sharing the objects (set by the connector).");

  public S3SourceTaskConfig(Map<?, ?> props) {
    super(TASK_CONFIG_DEF, props);
    if (taskIndex() >= taskCount()) {
      throw new ConfigException(TASK_INDEX_CONFIG, taskIndex(), "Must be smaller than " + TASK_COUNT_CONFIG + ".");
    }
  }

  /** The connector's settings for task {@code index} of {@code count}. */
  public static Map<String, String> forTask(Map<String, String> connectorProps, int index, int count) {
    Map<String, String> props = new HashMap<>(connectorProps);
    props.put(TASK_INDEX_CONFIG, Integer.toString(index));
    props.put(TASK_COUNT_CONFIG, Integer.toString(count));
    return props;
  }

  public int taskIndex() {
    return getInt(TASK_INDEX_CONFIG);
  }

  public int taskCount() {
    return getInt(TASK_COUNT_CONFIG);
  }
}
