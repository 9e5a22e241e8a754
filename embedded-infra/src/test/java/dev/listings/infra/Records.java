package dev.listings.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for the tests: string producers and a consumer that reads a topic from the start. */
final class Records {
  private Records() {}

  static KafkaProducer<String, String> producer(String bootstrap, Map<String, Object> extra) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.putAll(extra);
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  /** Values on {@code topic} from the beginning, waiting up to 15 s for {@code expected} of them. */
  static List<String> values(String bootstrap, String topic, String isolation, int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      // Assigned rather than subscribed: no consumer group to join, so reading starts at once.
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.currentTimeMillis() + 15_000;
      while (System.currentTimeMillis() < deadline && values.size() < expected) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
      }
      // One more short poll, so that records beyond the expected count would show up too.
      consumer.poll(Duration.ofMillis(300)).forEach(r -> values.add(r.value()));
    }
    return values;
  }

  static List<String> committedValues(String bootstrap, String topic, int expected) {
    return values(bootstrap, topic, "read_committed", expected);
  }
}
