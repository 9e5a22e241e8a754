package dev.listings.sink;

import dev.listings.sink.table.CatalogHandle;
import dev.listings.sink.table.IcebergCatalogs;
import dev.listings.sink.table.WithoutHadoopDefaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Avro topics into Apache Iceberg tables, exactly once: each batch lands in each table as one append whose
 * snapshot also records the Kafka offsets that follow it, and on start the sink resumes from those offsets, so a crash
 * at any point leaves neither duplicates nor gaps. {@link #start()} creates or widens the tables and runs the consumer
 * loop on a background thread; {@link #committedOffsets()} tells how far the tables are complete; {@link #close()}
 * commits what is pending and stops. A failure stops the sink (see {@link #failure()}) rather than skip data: a restart
 * resumes from the tables.
 */
public final class TableSink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TableSink.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final TableSinkConfig config;
  private final CommitHooks hooks;
  private final List<TableBinding> bindings = new ArrayList<>();
  private CatalogHandle catalog;
  private SinkLoop loop;
  private Thread thread;

  public TableSink(TableSinkConfig config) {
    this(config, CommitHooks.NONE);
  }

  TableSink(TableSinkConfig config, CommitHooks hooks) {
    this.config = config;
    this.hooks = hooks;
  }

  /** Opens the catalog, creates or widens the tables, and starts consuming on a background thread. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("Table sink already started");
    }
    catalog = IcebergCatalogs.open(config.catalogProperties());
    try {
      for (TableMapping mapping : config.tables()) {
        bindings.add(TableBinding.open(catalog.catalog(), mapping, config.serdeConfig()));
      }
      loop = new SinkLoop(config, new KafkaConsumer<>(consumerProperties(config), new ByteArrayDeserializer(),
          new ByteArrayDeserializer()), bindings, hooks);
    } catch (RuntimeException e) {
      release();
      throw e;
    }
    thread = new Thread(loop, "table-sink");
    thread.setContextClassLoader(WithoutHadoopDefaults.around(Thread.currentThread().getContextClassLoader()));
    thread.start();
    LOG.info("Table sink started: {}", tableNames());
  }

  /**
   * For every assigned partition, the offset up to which all records are in the tables (the next offset to read).
   * Empty before the first poll.
   */
  public Map<TopicPartition, Long> committedOffsets() {
    return loop == null ? Map.of() : loop.committedOffsets();
  }

  /** Whether every record before these end offsets (e.g. of {@code Admin#listOffsets}) is in the tables. */
  public boolean hasCommitted(Map<TopicPartition, Long> endOffsets) {
    Map<TopicPartition, Long> committed = committedOffsets();
    return endOffsets.entrySet().stream()
        .allMatch(e -> e.getValue() == 0 || committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
  }

  /** The tables this sink writes, as {@code namespace.name}. */
  public List<String> tableNames() {
    return config.tables().stream().map(m -> m.identifier().toString()).toList();
  }

  /** Why the sink stopped on its own, if it did. */
  public Optional<Throwable> failure() {
    return loop == null ? Optional.empty() : Optional.ofNullable(loop.failure());
  }

  /**
   * Asks the sink to commit its open batch as soon as it has read every assigned partition to its end, whatever the
   * batch's size and age: for a caller that knows its input is complete (a batch run whose upstream has committed
   * everything). The sink decides "read to the end" from its latest fetch, so a caller waiting for particular offsets
   * asks again until they are committed.
   */
  public synchronized void commitWhenCaughtUp() {
    if (loop != null) {
      loop.commitWhenCaughtUp();
    }
  }

  /** Whether the consumer loop is running. */
  public boolean isRunning() {
    return thread != null && thread.isAlive();
  }

  /** Commits the pending batch, stops the loop and releases the catalog. */
  @Override
  public synchronized void close() {
    if (loop != null) {
      loop.stop();
    }
    if (thread != null) {
      try {
        thread.join(STOP_TIMEOUT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        LOG.warn("Table sink did not stop within {}", STOP_TIMEOUT);
      }
    }
    release();
  }

  private void release() {
    bindings.forEach(TableBinding::close);
    bindings.clear();
    if (catalog != null) {
      catalog.close();
      catalog = null;
    }
  }

  static Map<String, Object> consumerProperties(TableSinkConfig config) {
    Map<String, Object> props = new HashMap<>(config.consumerOverrides());
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "table-sink");
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(config.batchMaxRecords(), 5_000));
    // offsets live in the tables: nothing else may move them, and only committed transactions count
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    return props;
  }
}
