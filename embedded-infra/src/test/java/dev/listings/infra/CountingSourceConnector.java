package dev.listings.infra;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** A test connector that writes the numbers 1..count to a topic, resuming from its committed offset. */
public class CountingSourceConnector extends SourceConnector {
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
    return new ConfigDef()
        .define("topic", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Target topic")
        .define("count", ConfigDef.Type.INT, ConfigDef.Importance.HIGH, "How many numbers");
  }

  @Override
  public String version() {
    return "test";
  }

  @Override
  public org.apache.kafka.connect.source.ExactlyOnceSupport exactlyOnceSupport(Map<String, String> props) {
    return org.apache.kafka.connect.source.ExactlyOnceSupport.SUPPORTED;
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
      List<SourceRecord> records = new java.util.ArrayList<>();
      for (int i = 0; i < 10 && next <= count; i++, next++) {
        records.add(new SourceRecord(PARTITION, Map.of("last", next), topic, null, null, Schema.STRING_SCHEMA,
            Long.toString(next)));
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
