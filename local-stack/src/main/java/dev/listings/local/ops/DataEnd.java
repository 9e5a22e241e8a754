package dev.listings.local.ops;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The offset just after the last committed data record of a partition. A transactional topic ends with a commit
 * marker that takes an offset of its own, and an application commits the offset after the last record it processed:
 * its lag to the log end never reaches zero, its lag to this offset does.
 */
final class DataEnd {
  private DataEnd() {}

  static Map<TopicPartition, Long> of(KafkaConsumer<byte[], byte[]> reader, Map<TopicPartition, Long> begin,
      Map<TopicPartition, Long> end) {
    Map<TopicPartition, Long> dataEnd = new HashMap<>();
    end.forEach((tp, e) -> dataEnd.put(tp, of(reader, tp, begin.getOrDefault(tp, 0L), e)));
    return dataEnd;
  }

  static long of(KafkaConsumer<byte[], byte[]> reader, TopicPartition partition, long begin, long end) {
    long window = 16;
    long from = end;
    while (from > begin) {
      from = Math.max(begin, end - window);
      List<ConsumerRecord<byte[], byte[]>> records = PartitionWindow.read(reader, partition, from, end);
      if (!records.isEmpty()) {
        return records.get(records.size() - 1).offset() + 1;
      }
      window *= 4;
    }
    return begin;
  }
}
