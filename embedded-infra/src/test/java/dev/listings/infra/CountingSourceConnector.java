package dev.listings.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** A connector for the tests: writes the numbers 1..count to a topic, resuming after its committed offset. */
public class CountingSourceConnector extends SourceConnector {
  private static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define("topic", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Target topic")
          .define("count", ConfigDef.Type.INT, ConfigDef.Importance.HIGH, "How many numbers");

  private Map<String, String> config;

  @Override
  public void start(Map<String, String> props) {
    config = props;
  }

  @Override
  public Class<? extends Task> taskClass() {
    return CountingTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return List.of(config);
  }

  @Override
  public void stop() {}

  @Override
  public ConfigDef config() {
    return CONFIG_DEF;
  }

  @Override
  public String version() {
    return "test";
  }

  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> props) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  /** Emits the next numbers, ten per poll. */
  public static class CountingTask extends SourceTask {
    private static final Map<String, String> PARTITION = Map.of("source", "counter");
    private String topic;
    private int count;
    private long next;

    @Override
    public void start(Map<String, String> props) {
      topic = props.get("topic");
      count = Integer.parseInt(props.get("count"));
      Map<String, Object> offset = context.offsetStorageReader().offset(PARTITION);
      next = offset == null ? 1 : (Long) offset.get("last") + 1;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
      if (next > count) {
        Thread.sleep(100);
        return null;
      }
      List<SourceRecord> records = new ArrayList<>();
      for (int i = 0; i < 10 && next <= count; i++, next++) {
        records.add(
            new SourceRecord(
                PARTITION, Map.of("last", next), topic, null, null, Schema.STRING_SCHEMA, Long.toString(next)));
      }
      return records;
    }

    @Override
    public void stop() {}

    @Override
    public String version() {
      return "test";
    }
  }
}
