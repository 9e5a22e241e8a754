package dev.listings.alerting.kafka;

import dev.listings.alerting.json.InputDecoder;
import dev.listings.alerting.json.InvalidInputException;
import dev.listings.alerting.rules.AlertEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes input records by topic and feeds them to the engine. A record that cannot be read is counted ({@code
 * alerting.input.records{topic,outcome=invalid}}) and skipped, with at most one warning per topic per minute.
 */
final class RecordRouter {
  private static final Logger LOG = LoggerFactory.getLogger(RecordRouter.class);
  private static final Duration WARN_EVERY = Duration.ofMinutes(1);

  private final AlertEngine engine;
  private final InputTopics topics;
  private final Clock clock;
  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new HashMap<>();
  private final Map<String, Long> lastWarning = new HashMap<>();

  RecordRouter(AlertEngine engine, InputTopics topics, Clock clock, MeterRegistry registry) {
    this.engine = engine;
    this.topics = topics;
    this.clock = clock;
    this.registry = registry;
  }

  void route(ConsumerRecord<byte[], byte[]> record) {
    String topic = record.topic();
    try {
      if (topic.equals(topics.rejects())) {
        engine.onReject(InputDecoder.reject(record.value(), record.headers(), record.timestamp()));
      } else if (topic.equals(topics.audit())) {
        engine.onAudit(InputDecoder.audit(record.value(), record.timestamp()));
      } else if (topic.equals(topics.ledger())) {
        routeLedger(record);
      } else if (topic.equals(topics.appErrors())) {
        engine.onAppError(InputDecoder.appError(record.value(), record.timestamp()));
      } else {
        return;
      }
      counter(topic, "accepted").increment();
    } catch (InvalidInputException e) {
      counter(topic, "invalid").increment();
      warnAtMostEveryMinute(record, e.getMessage());
    }
  }

  private void routeLedger(ConsumerRecord<byte[], byte[]> record) throws InvalidInputException {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    if (record.value() == null && key != null) {
      engine.onLedgerDeleted(key);
    } else {
      engine.onLedger(InputDecoder.ledger(key, record.value(), record.timestamp()));
    }
  }

  private void warnAtMostEveryMinute(ConsumerRecord<byte[], byte[]> record, String problem) {
    long now = clock.millis();
    Long last = lastWarning.get(record.topic());
    if (last == null || now - last >= WARN_EVERY.toMillis()) {
      lastWarning.put(record.topic(), now);
      LOG.warn("Skipping unreadable record {}-{}@{}: {} (further ones counted in alerting_input_records_total)",
          record.topic(), record.partition(), record.offset(), problem);
    }
  }

  private Counter counter(String topic, String outcome) {
    return counters.computeIfAbsent(topic + "|" + outcome, k -> Counter.builder("alerting.input.records")
        .tag("topic", topic)
        .tag("outcome", outcome)
        .description("Input records read, by topic and whether they could be decoded")
        .register(registry));
  }
}
