package dev.listings.local.stack;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the local stack keeps its data and which ports it asks for. A busy port falls back to a free one; the ports in
 * use are written to {@code <stateDir>/endpoints.json}.
 *
 * @param tableSink whether the stack runs the table sink (Iceberg tables); a stack without it still runs every topic,
 *     the connector, the cleaner and the use cases, e.g. to measure them without the sink's load on the same cores
 * @param recordCacheBytes the Kafka Streams record cache ({@code statestore.cache.max.bytes}) of the cleaner and the
 *     use cases: {@link #LIVE_RECORD_CACHE_BYTES} unless a batch run asks for more
 * @param batchRun whether the stack serves one batch run, which says when its input is complete: the Kafka Streams apps
 *     commit every {@link #BATCH_COMMIT_INTERVAL_MS} instead of {@link #LIVE_COMMIT_INTERVAL_MS}, and the table sink
 *     commits full batches, batches {@link #BATCH_SINK_MAX_WAIT} old, and what it holds once the run's input is
 *     complete ({@link TableSinkRunner#commitWhenCaughtUp}), instead of a batch every second the topics go quiet
 */
public record StackOptions(Path stateDir, int kafkaPort, int registryPort, int connectPort, int s3Port, int partitions,
    boolean tableSink, long recordCacheBytes, boolean batchRun) {

  public static final int DEFAULT_KAFKA_PORT = 9092;
  public static final int DEFAULT_REGISTRY_PORT = 8081;
  public static final int DEFAULT_CONNECT_PORT = 8083;
  public static final int DEFAULT_S3_PORT = 9000;
  public static final int DEFAULT_PARTITIONS = 2;
  public static final String LANDING_BUCKET = "landing";
  public static final String WAREHOUSE_BUCKET = "warehouse";
  /**
   * Kafka Streams' own default, as the deployed apps run: every commit flushes the cache, so a small one keeps the
   * commits, and the end-to-end latency, short (ADR 0013).
   */
  public static final long LIVE_RECORD_CACHE_BYTES = 10L * 1024 * 1024;
  /** For runs that work through a backlog: fewer RocksDB writes and reads in the use cases (ADR 0013). */
  public static final long BATCH_RECORD_CACHE_BYTES = 64L * 1024 * 1024;
  /** Short commits keep the local end-to-end latency low (the deployed apps keep their own setting). */
  public static final int LIVE_COMMIT_INTERVAL_MS = 100;
  /**
   * A batch run counts its time to the last table commit, not per record: fewer exactly-once commits (transaction
   * markers, offset commits, record-cache flushes that re-emit every changed statistic) for the same results (ADR 0015).
   */
  public static final int BATCH_COMMIT_INTERVAL_MS = 1_000;
  /**
   * The producer batches ({@code batch.size}) of the Kafka Streams apps and of the Connect worker, as deployed
   * (the apps' {@code application.properties}, the Connect worker configurations in {@code k8s/}): Kafka's 16 KiB holds
   * some 50 raw lines or 40 curated records, so a backlog went out as many small produce requests, each costing the
   * producer and the broker their work per batch (ADR 0018).
   */
  public static final int PRODUCER_BATCH_BYTES = 256 * 1024;
  /** A batch run's table sink commits once a batch is this old, full or the run's input complete (ADR 0015). */
  public static final Duration BATCH_SINK_MAX_WAIT = Duration.ofSeconds(60);

  public StackOptions {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    if (recordCacheBytes < 0) {
      throw new IllegalArgumentException("recordCacheBytes must not be negative, was " + recordCacheBytes);
    }
  }

  /** The whole stack, table sink included. */
  public StackOptions(Path stateDir, int kafkaPort, int registryPort, int connectPort, int s3Port, int partitions) {
    this(stateDir, kafkaPort, registryPort, connectPort, s3Port, partitions, true, LIVE_RECORD_CACHE_BYTES, false);
  }

  /** The same stack without the table sink. */
  public StackOptions withoutTableSink() {
    return new StackOptions(stateDir, kafkaPort, registryPort, connectPort, s3Port, partitions, false,
        recordCacheBytes, batchRun);
  }

  /** The same stack with another record cache for its Kafka Streams apps. */
  public StackOptions withRecordCache(long bytes) {
    return new StackOptions(stateDir, kafkaPort, registryPort, connectPort, s3Port, partitions, tableSink, bytes,
        batchRun);
  }

  /** The same stack serving one batch run (see {@code batchRun}). */
  public StackOptions forBatchRun() {
    return new StackOptions(stateDir, kafkaPort, registryPort, connectPort, s3Port, partitions, tableSink,
        recordCacheBytes, true);
  }

  /** The commit interval of the stack's Kafka Streams apps. */
  public int streamsCommitIntervalMs() {
    return batchRun ? BATCH_COMMIT_INTERVAL_MS : LIVE_COMMIT_INTERVAL_MS;
  }

  /** The usual ports, so that everyday tools (kcat, AWS CLI, Confluent clients) work unchanged. */
  public static StackOptions defaults(Path stateDir) {
    return new StackOptions(
        stateDir, DEFAULT_KAFKA_PORT, DEFAULT_REGISTRY_PORT, DEFAULT_CONNECT_PORT, DEFAULT_S3_PORT, DEFAULT_PARTITIONS);
  }

  /** Any free ports: for tests and for runs beside a stack that is already up. */
  public static StackOptions anyFreePorts(Path stateDir) {
    return new StackOptions(stateDir, 0, 0, 0, 0, DEFAULT_PARTITIONS);
  }

  public Path dir(String name) {
    return stateDir.resolve(name);
  }
}
