package dev.listings.alerting.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the alerts topic from its beginning, as JSON, for the integration test. */
final class AlertsTopic implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<JsonNode> alerts = new ArrayList<>();

  AlertsTopic(String bootstrapServers) {
    consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
        new StringDeserializer(), new ByteArrayDeserializer());
    TopicPartition partition = new TopicPartition(AlertingStackResource.ALERTS, 0);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
  }

  /** Polls until {@code count} alerts match, or the timeout; returns the matching ones. */
  List<JsonNode> await(Predicate<JsonNode> matching, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (matches(matching).size() < count && System.nanoTime() < deadline) {
      poll();
    }
    return matches(matching);
  }

  /** Everything that arrives within {@code duration} more. */
  List<JsonNode> settle(Predicate<JsonNode> matching, Duration duration) {
    long deadline = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < deadline) {
      poll();
    }
    return matches(matching);
  }

  private void poll() {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
      try {
        JsonNode alert = JSON.readTree(record.value());
        if (!record.key().equals(alert.get("incident_key").asText())) {
          throw new IllegalStateException("alert key " + record.key() + " is not its incident key");
        }
        alerts.add(alert);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private List<JsonNode> matches(Predicate<JsonNode> matching) {
    return alerts.stream().filter(matching).toList();
  }

  static Predicate<JsonNode> incident(String key) {
    return alert -> alert.get("incident_key").asText().equals(key);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
