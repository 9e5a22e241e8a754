package dev.listings.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Everything a {@link TableSink} needs: the Kafka cluster and consumer group (the group only shows lag; the tables hold
 * the offsets), the topic-to-table mappings, the Iceberg catalog properties, the Avro serde settings ({@code
 * schema.registry.url}, ...), when to commit a batch (after {@code batchMaxRecords} rows or {@code batchMaxWait} after
 * its first row, whichever comes first, or once the topics go quiet and the batch is {@code batchQuietWait} old), and
 * extra consumer settings (e.g. MSK IAM authentication).
 */
public record TableSinkConfig(
    String bootstrapServers,
    String groupId,
    List<TableMapping> tables,
    Map<String, String> catalogProperties,
    Map<String, Object> serdeConfig,
    int batchMaxRecords,
    Duration batchMaxWait,
    Duration batchQuietWait,
    Map<String, Object> consumerOverrides) {

  public static final String DEFAULT_GROUP_ID = "listings-table-sink";
  /**
   * Large batches: every batch writes one file per table partition it touches and costs one commit per table, so the
   * more rows per batch the fewer and larger the files and the higher the throughput (see the README's figures). A batch
   * in flight holds its rows in open Parquet writers: some 100 to 300 MB of heap at this size.
   */
  public static final int DEFAULT_BATCH_MAX_RECORDS = 200_000;
  /**
   * How stale the tables may get while records keep arriving; when the topics go quiet a batch is committed after one
   * second at most.
   */
  public static final Duration DEFAULT_BATCH_MAX_WAIT = Duration.ofSeconds(5);
  /**
   * How old a batch must be to be committed as soon as the sink has read everything there is: the tables catch up within
   * a second of the topics going quiet. A batch job that tells the sink when its input is complete ({@link
   * TableSink#commitWhenCaughtUp}) sets it to {@code batchMaxWait}: a slow upstream then does not cut its batches into
   * a commit, and a file per table partition, every second.
   */
  public static final Duration DEFAULT_BATCH_QUIET_WAIT = Duration.ofSeconds(1);

  public TableSinkConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(groupId, "groupId");
    tables = List.copyOf(tables);
    catalogProperties = Map.copyOf(catalogProperties);
    serdeConfig = Map.copyOf(serdeConfig);
    consumerOverrides = Map.copyOf(consumerOverrides);
    Objects.requireNonNull(batchMaxWait, "batchMaxWait");
    Objects.requireNonNull(batchQuietWait, "batchQuietWait");
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("The sink needs at least one topic-to-table mapping");
    }
    if (batchMaxRecords < 1 || batchMaxWait.isNegative() || batchMaxWait.isZero() || batchQuietWait.isNegative()
        || batchQuietWait.isZero()) {
      throw new IllegalArgumentException("batchMaxRecords, batchMaxWait and batchQuietWait must be positive");
    }
    Set<String> topics = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (TableMapping mapping : tables) {
      if (!topics.add(mapping.topic()) || !names.add(mapping.identifier().toString())) {
        throw new IllegalArgumentException("Each topic and each table may appear in one mapping only: " + mapping);
      }
    }
  }

  /** These mappings with the default group and batch settings. */
  public static TableSinkConfig of(String bootstrapServers, List<TableMapping> tables,
      Map<String, String> catalogProperties, Map<String, Object> serdeConfig) {
    return new TableSinkConfig(bootstrapServers, DEFAULT_GROUP_ID, tables, catalogProperties, serdeConfig,
        DEFAULT_BATCH_MAX_RECORDS, DEFAULT_BATCH_MAX_WAIT, DEFAULT_BATCH_QUIET_WAIT, Map.of());
  }

  public TableSinkConfig withTables(List<TableMapping> newTables) {
    return new TableSinkConfig(bootstrapServers, groupId, newTables, catalogProperties, serdeConfig, batchMaxRecords,
        batchMaxWait, batchQuietWait, consumerOverrides);
  }

  public TableSinkConfig withBatch(int maxRecords, Duration maxWait, Duration quietWait) {
    return new TableSinkConfig(bootstrapServers, groupId, tables, catalogProperties, serdeConfig, maxRecords, maxWait,
        quietWait, consumerOverrides);
  }

  public TableSinkConfig withGroupId(String newGroupId) {
    return new TableSinkConfig(bootstrapServers, newGroupId, tables, catalogProperties, serdeConfig, batchMaxRecords,
        batchMaxWait, batchQuietWait, consumerOverrides);
  }

  /**
   * Reads a flat configuration, e.g. a properties file or environment mapped to keys: {@code bootstrap.servers},
   * {@code group.id}, {@code batch.max.records}, {@code batch.max.wait.ms}, {@code batch.quiet.wait.ms}, {@code catalog.*} (catalog properties),
   * {@code serde.*} (serde settings), {@code consumer.*} (consumer settings), and {@code tables} (required:
   * comma-separated table names) with, per table, {@code table.<name>.topic}, {@code table.<name>.value-class},
   * {@code table.<name>.partition-by} (terms separated by {@code ;}) and {@code table.<name>.versions-by-key}. The
   * sink knows no tables of its own: every table it writes is listed here (see {@link #tableProperties}).
   */
  public static TableSinkConfig fromProperties(Map<String, String> props) {
    return new TableSinkConfig(
        required(props, "bootstrap.servers"),
        props.getOrDefault("group.id", DEFAULT_GROUP_ID),
        tables(props),
        prefixed(props, "catalog."),
        new HashMap<>(prefixed(props, "serde.")),
        Integer.parseInt(props.getOrDefault("batch.max.records", Integer.toString(DEFAULT_BATCH_MAX_RECORDS))),
        Duration.ofMillis(Long.parseLong(
            props.getOrDefault("batch.max.wait.ms", Long.toString(DEFAULT_BATCH_MAX_WAIT.toMillis())))),
        Duration.ofMillis(Long.parseLong(
            props.getOrDefault("batch.quiet.wait.ms", Long.toString(DEFAULT_BATCH_QUIET_WAIT.toMillis())))),
        new HashMap<>(prefixed(props, "consumer.")));
  }

  /**
   * The settings {@link #fromProperties} reads these mappings from: {@code tables} and each table's {@code
   * table.<name>.*} keys, in order.
   */
  public static Map<String, String> tableProperties(List<TableMapping> mappings) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("tables", String.join(",", mappings.stream().map(TableMapping::table).toList()));
    for (TableMapping mapping : mappings) {
      String prefix = "table." + mapping.table() + ".";
      props.put(prefix + "topic", mapping.topic());
      props.put(prefix + "value-class", mapping.valueType().getName());
      props.put(prefix + "partition-by", String.join(";", mapping.partitionBy()));
      props.put(prefix + "versions-by-key", Boolean.toString(mapping.versionsByKey()));
    }
    return props;
  }

  private static List<TableMapping> tables(Map<String, String> props) {
    String tables = props.get("tables");
    if (tables == null || tables.isBlank()) {
      throw new IllegalArgumentException("Missing sink setting tables: the comma-separated tables to write, each with "
          + "table.<name>.topic, table.<name>.value-class and optionally table.<name>.partition-by and "
          + "table.<name>.versions-by-key");
    }
    List<TableMapping> mappings = new ArrayList<>();
    for (String name : tables.split(",")) {
      String table = name.trim();
      String prefix = "table." + table + ".";
      String partitionBy = props.getOrDefault(prefix + "partition-by", "");
      mappings.add(new TableMapping(
          required(props, prefix + "topic"),
          table,
          valueClass(required(props, prefix + "value-class")),
          Arrays.stream(partitionBy.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
          Boolean.parseBoolean(props.getOrDefault(prefix + "versions-by-key", "false"))));
    }
    return mappings;
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends SpecificRecord> valueClass(String name) {
    try {
      Class<?> type = Class.forName(name, false, TableSinkConfig.class.getClassLoader());
      if (!SpecificRecord.class.isAssignableFrom(type)) {
        throw new IllegalArgumentException(name + " is not a generated Avro class");
      }
      return (Class<? extends SpecificRecord>) type;
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("Value class " + name + " is not on the class path", e);
    }
  }

  private static String required(Map<String, String> props, String key) {
    String value = props.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Missing sink setting " + key);
    }
    return value.trim();
  }

  private static Map<String, String> prefixed(Map<String, String> props, String prefix) {
    Map<String, String> result = new HashMap<>();
    props.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        result.put(key.substring(prefix.length()), value);
      }
    });
    return result;
  }
}
