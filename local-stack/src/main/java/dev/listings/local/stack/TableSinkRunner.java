package dev.listings.local.stack;

import dev.listings.sink.TableSink;
import dev.listings.sink.TableSinkConfig;
import dev.listings.sink.table.CatalogConfigs;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * The production table sink on the local stack: Iceberg's JDBC catalog in a SQLite file under the state directory,
 * table data on the embedded S3 API; it writes the curated table and one table per use case the stack runs
 * ({@link UseCases#tables()}).
 */
public final class TableSinkRunner implements AutoCloseable {
  private final TableSink sink;

  private TableSinkRunner(TableSink sink) {
    this.sink = sink;
  }

  static TableSinkRunner start(Endpoints endpoints, StackOptions options) throws Exception {
    java.nio.file.Files.createDirectories(options.dir("catalog"));
    TableSinkConfig config = TableSinkConfig.of(endpoints.kafkaBootstrapServers(), UseCases.tables(),
        catalogProperties(endpoints), StreamsApps.serdeConfig(endpoints));
    if (options.batchRun()) {
      config = config.withBatch(config.batchMaxRecords(), StackOptions.BATCH_SINK_MAX_WAIT,
          StackOptions.BATCH_SINK_MAX_WAIT);
    }
    TableSink sink = new TableSink(config);
    sink.start();
    return new TableSinkRunner(sink);
  }

  /** The catalog of a local stack with these endpoints. */
  public static Map<String, String> catalogProperties(Endpoints endpoints) {
    return CatalogConfigs.local(
        endpoints.catalogUri(),
        endpoints.warehouse(),
        endpoints.s3Endpoint(),
        endpoints.s3AccessKey(),
        endpoints.s3SecretKey(),
        endpoints.s3Region());
  }

  /** Per partition, the offset up to which every record is in the tables. */
  public Map<TopicPartition, Long> committedOffsets() {
    return sink.committedOffsets();
  }

  public List<String> tableNames() {
    return sink.tableNames();
  }

  /**
   * Asks the sink to commit what it holds as soon as it has read everything there is (see {@link
   * TableSink#commitWhenCaughtUp}); a batch run calls it once its input is complete, and again while it waits.
   */
  public void commitWhenCaughtUp() {
    sink.commitWhenCaughtUp();
  }

  /** Why the sink stopped on its own, if it did. */
  public Optional<Throwable> failure() {
    return sink.failure();
  }

  @Override
  public void close() {
    sink.close();
  }
}
