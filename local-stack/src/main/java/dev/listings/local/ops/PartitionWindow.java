package dev.listings.local.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads the committed records of one partition between two offsets, for the few places that look at a slice. */
final class PartitionWindow {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final int MAX_EMPTY_POLLS = 20;

  private PartitionWindow() {}

  /** Records with offsets in [from, to), in offset order (transaction markers and aborted records are skipped). */
  static List<ConsumerRecord<byte[], byte[]>> read(
      KafkaConsumer<byte[], byte[]> reader, TopicPartition partition, long from, long to) {
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    if (from >= to) {
      return records;
    }
    reader.assign(Set.of(partition));
    reader.seek(partition, from);
    int empty = 0;
    while (reader.position(partition) < to) {
      var polled = reader.poll(POLL).records(partition);
      if (polled.isEmpty()) {
        if (++empty >= MAX_EMPTY_POLLS) {
          throw new OpsException("Reading " + partition + " from offset " + from + " made no progress at offset "
              + reader.position(partition) + " (is a transaction still open on it?)");
        }
        continue;
      }
      empty = 0;
      for (ConsumerRecord<byte[], byte[]> record : polled) {
        if (record.offset() >= to) {
          return records;
        }
        records.add(record);
      }
    }
    return records;
  }
}
