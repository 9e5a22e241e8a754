package dev.listings.alerting.kafka;

import dev.listings.alerting.json.AlertJson;
import dev.listings.alerting.model.Alert;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every alert to the alerts topic (key = incident key, value = alert JSON, headers {@code alert.status}, {@code
 * alert.severity}, {@code alert.kind} for filtering in Kafka UI). Sends are asynchronous; a failed send is logged and
 * counted ({@code alerting.alerts.publish.failures}).
 */
public final class KafkaAlertPublisher implements AlertSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaAlertPublisher.class);

  private final Producer<String, byte[]> producer;
  private final String topic;
  private final Counter failures;

  public KafkaAlertPublisher(Producer<String, byte[]> producer, String topic, MeterRegistry registry) {
    this.producer = producer;
    this.topic = topic;
    this.failures = Counter.builder("alerting.alerts.publish.failures")
        .description("Alerts that could not be written to the alerts topic")
        .register(registry);
  }

  @Override
  public void publish(Alert alert) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topic, alert.incidentKey(), AlertJson.bytes(alert));
    record.headers().add("alert.status", bytes(alert.status().json()));
    record.headers().add("alert.severity", bytes(alert.severity().json()));
    record.headers().add("alert.kind", bytes(alert.kind().name()));
    try {
      producer.send(record, (metadata, error) -> {
        if (error != null) {
          failures.increment();
          LOG.error("Could not write alert {} to {}: {}", alert.alertId(), topic, error.toString());
        }
      });
    } catch (RuntimeException e) {
      failures.increment();
      LOG.error("Could not write alert {} to {}: {}", alert.alertId(), topic, e.toString());
    }
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(10));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
