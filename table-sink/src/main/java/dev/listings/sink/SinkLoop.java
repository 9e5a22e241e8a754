package dev.listings.sink;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink's consumer loop. It owns every partition of the mapped topics (manual assignment: each table has one
 * writer), starts each partition where its table's last snapshot says, writes polled records into the tables' open
 * batches, and commits a batch when it is full, old enough, or the topics have gone quiet (or, on request, as soon as it
 * has read everything there is): one Iceberg append per table with the next offsets in the snapshot summary, then the
 * same offsets to the consumer group, which only serves lag monitoring. Partitions added to a topic later are picked up
 * from their beginning.
 */
final class SinkLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SinkLoop.class);
  private static final Duration PARTITION_REFRESH = Duration.ofSeconds(10);
  private static final Duration MAX_POLL_WAIT = Duration.ofMillis(200);
  private final TableSinkConfig config;
  private final Consumer<byte[], byte[]> consumer;
  private final Map<String, TableBinding> byTopic;
  private final CommitHooks hooks;
  private final Duration pollWait;
  private volatile boolean stopping;
  private volatile boolean commitWhenCaughtUp;
  private volatile Map<TopicPartition, Long> committed = Map.of();
  private volatile Throwable failure;
  private long nextRefreshAt;
  private long batchStartedAt;
  private int batchRows;

  SinkLoop(TableSinkConfig config, Consumer<byte[], byte[]> consumer, List<TableBinding> bindings, CommitHooks hooks) {
    this.config = config;
    this.consumer = consumer;
    this.byTopic = bindings.stream().collect(Collectors.toMap(b -> b.mapping().topic(), Function.identity()));
    this.hooks = hooks;
    this.pollWait = config.batchMaxWait().compareTo(MAX_POLL_WAIT) < 0 ? config.batchMaxWait() : MAX_POLL_WAIT;
  }

  @Override
  public void run() {
    try {
      while (!stopping) {
        if (System.currentTimeMillis() >= nextRefreshAt) {
          nextRefreshAt = System.currentTimeMillis() + PARTITION_REFRESH.toMillis();
          assignNewPartitions();
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(pollWait);
        add(records);
        boolean idle = records.isEmpty() && caughtUp();
        if (idle && commitWhenCaughtUp) {
          commitWhenCaughtUp = false;
          commitBatch();
        } else if (batchDue(idle)) {
          commitBatch();
        } else if (batchRows == 0) {
          committed = positions(); // nothing pending: every record read so far is in the tables
        }
      }
      commitBatch();
    } catch (Throwable e) {
      failure = e;
      LOG.error("Table sink stopped: {}", e.toString(), e);
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  void stop() {
    stopping = true;
  }

  /** Commits the open batch as soon as every assigned partition has been read to its end (once). */
  void commitWhenCaughtUp() {
    commitWhenCaughtUp = true;
  }

  Map<TopicPartition, Long> committedOffsets() {
    return committed;
  }

  Throwable failure() {
    return failure;
  }

  private void add(ConsumerRecords<byte[], byte[]> records) {
    for (ConsumerRecord<byte[], byte[]> record : records) {
      if (batchRows == 0) {
        batchStartedAt = System.currentTimeMillis();
      }
      byTopic.get(record.topic()).add(record);
      batchRows++;
    }
  }

  /**
   * Whether every assigned partition has been read to its end (last stable offset) as of the latest fetch. An empty
   * poll alone does not tell: a slow fetch returns nothing while a backlog waits.
   */
  private boolean caughtUp() {
    for (TopicPartition tp : consumer.assignment()) {
      OptionalLong lag = consumer.currentLag(tp);
      if (lag.isEmpty() || lag.getAsLong() > 0) {
        return false;
      }
    }
    return true;
  }

  private boolean batchDue(boolean idle) {
    return batchDue(batchRows, System.currentTimeMillis() - batchStartedAt, idle, config.batchMaxRecords(),
        config.batchMaxWait(), config.batchQuietWait());
  }

  /**
   * A batch is due when it is full, when its first record is {@code maxWait} old, or, once it is {@code quietWait} old
   * (or {@code maxWait}, if shorter), as soon as the sink has read everything there is ({@code idle}): under a backlog
   * batches grow large (fewer, larger files and commits), and when the topics go quiet the tables catch up at once.
   */
  static boolean batchDue(int rows, long ageMillis, boolean idle, int maxRecords, Duration maxWait,
      Duration quietWait) {
    if (rows == 0) {
      return false;
    }
    long maxWaitMillis = maxWait.toMillis();
    return rows >= maxRecords
        || ageMillis >= maxWaitMillis
        || (idle && ageMillis >= Math.min(quietWait.toMillis(), maxWaitMillis));
  }

  /** One append per table with rows, then the group offsets; every polled record is in the batch at this point. */
  private void commitBatch() {
    long started = System.nanoTime();
    Map<TopicPartition, Long> positions = positions();
    for (TableBinding binding : byTopic.values()) {
      if (binding.hasRows()) {
        binding.commit(positions, hooks, config.groupId());
      }
    }
    if (batchRows > 0) {
      LOG.debug("Committed {} records in {} ms", batchRows, (System.nanoTime() - started) / 1_000_000);
    }
    batchRows = 0;
    committed = positions;
    hooks.groupOffsetsCommitting();
    commitGroupOffsets(positions);
  }

  private void commitGroupOffsets(Map<TopicPartition, Long> positions) {
    if (positions.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    positions.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
    try {
      consumer.commitSync(offsets);
    } catch (KafkaException e) {
      // the tables hold the offsets that count; the group's only show lag and catch up on the next batch
      LOG.warn("Could not commit the consumer group's offsets (lag monitoring only): {}", e.toString());
    }
  }

  private Map<TopicPartition, Long> positions() {
    Map<TopicPartition, Long> positions = new HashMap<>();
    for (TopicPartition tp : consumer.assignment()) {
      positions.put(tp, consumer.position(tp));
    }
    return Map.copyOf(positions);
  }

  private void assignNewPartitions() {
    Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
    Set<TopicPartition> added = new HashSet<>();
    for (String topic : byTopic.keySet()) {
      List<PartitionInfo> partitions;
      try {
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
      } catch (TimeoutException e) {
        LOG.warn("Could not look up the partitions of {} (will retry): {}", topic, e.toString());
        return;
      }
      for (PartitionInfo info : partitions == null ? List.<PartitionInfo>of() : partitions) {
        TopicPartition tp = new TopicPartition(topic, info.partition());
        if (assigned.add(tp)) {
          added.add(tp);
        }
      }
    }
    if (added.isEmpty()) {
      return;
    }
    consumer.assign(assigned);
    for (TopicPartition tp : added) {
      Long offset = byTopic.get(tp.topic()).committed().get(tp);
      if (offset == null) {
        consumer.seekToBeginning(List.of(tp));
      } else {
        consumer.seek(tp, offset);
      }
      LOG.info("Reading {} from {}", tp, offset == null ? "the beginning" : "offset " + offset);
    }
  }
}
