package dev.listings.local.run;

import dev.listings.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the ingest audit and the cleaner's ledger topics (committed data only) on a background thread and keeps a
 * {@link Ledger} up to date, so the command line can tell when every line of every object is accounted for.
 */
public final class LedgerWatcher implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final Ledger ledger = new Ledger();
  private final Thread thread;
  private volatile RuntimeException failure;

  public LedgerWatcher(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(Topics.INGEST_AUDIT, Topics.LEDGER)) {
      for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread = new Thread(this::follow, "ledger-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void follow() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        var records = consumer.poll(Duration.ofMillis(200));
        synchronized (ledger) {
          for (ConsumerRecord<String, byte[]> record : records) {
            if (record.topic().equals(Topics.INGEST_AUDIT)) {
              ledger.applyAudit(record.value());
            } else {
              ledger.applyLedger(record.key(), record.value());
            }
          }
        }
      }
    } catch (WakeupException stopping) {
      // close() asked us to stop
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** A consistent copy of the counts per object. */
  public Map<ObjectRef, Ledger.ObjectCounts> perObject() {
    throwIfFailed();
    synchronized (ledger) {
      return ledger.perObject();
    }
  }

  public Map<String, Long> rejectedByReason() {
    throwIfFailed();
    synchronized (ledger) {
      return ledger.rejectedByReason();
    }
  }

  private void throwIfFailed() {
    if (failure != null) {
      throw new IllegalStateException("Reading the ledger failed: " + failure.getMessage(), failure);
    }
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(10_000);
  }
}
