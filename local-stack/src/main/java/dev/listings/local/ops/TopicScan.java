package dev.listings.local.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads the committed records of a topic, from the beginning or a time, up to its end when the scan starts. */
public final class TopicScan {
  private TopicScan() {}

  /**
   * @param fromMillis the earliest record timestamp wanted (the scan starts at the first offset at or after it per
   *     partition), or null for the beginning
   */
  public static void read(Cluster cluster, String topic, Long fromMillis,
      Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    try (KafkaConsumer<byte[], byte[]> consumer = cluster.reader()) {
      var infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        throw new OpsException("Topic " + topic + " does not exist on " + cluster.bootstrapServers());
      }
      List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      consumer.seekToBeginning(partitions);
      if (fromMillis != null) {
        Map<TopicPartition, Long> times = new java.util.HashMap<>();
        partitions.forEach(p -> times.put(p, fromMillis));
        consumer.offsetsForTimes(times).forEach((tp, found) -> consumer.seek(tp, found == null ? end.get(tp)
            : found.offset()));
      }
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
            sink.accept(record);
          }
        }
      }
    }
  }
}
