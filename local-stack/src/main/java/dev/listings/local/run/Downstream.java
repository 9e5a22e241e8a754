package dev.listings.local.run;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells whether a consumer has processed a topic to its end. Every write to the pipeline's topics is transactional, so
 * a partition's last offset is a commit marker: a consumer that committed the marker's offset has processed every
 * record.
 */
public final class Downstream implements AutoCloseable {
  private final Admin admin;

  public Downstream(String bootstrapServers) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    admin = Admin.create(props);
  }

  /** End offsets (last stable offsets) of the topics' partitions. */
  public Map<TopicPartition, Long> endOffsets(Collection<String> topics)
      throws ExecutionException, InterruptedException {
    var description = admin.describeTopics(topics).allTopicNames().get();
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    description.forEach(
        (topic, info) ->
            info.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
    return admin
        .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
        .all()
        .get()
        .entrySet()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
  }

  /** Offsets a consumer group committed. */
  public Map<TopicPartition, Long> committed(String groupId) throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, Long> result = new HashMap<>();
    offsets.forEach((tp, om) -> result.put(tp, om == null ? 0L : om.offset()));
    return result;
  }

  /** Whether {@code committed} covers every record before {@code end} (allowing for the final commit marker). */
  public static boolean caughtUp(Map<TopicPartition, Long> end, Map<TopicPartition, Long> committed) {
    return end.entrySet().stream()
        .allMatch(e -> e.getValue() == 0 || committed.getOrDefault(e.getKey(), 0L) >= e.getValue() - 1);
  }

  @Override
  public void close() {
    admin.close();
  }
}
