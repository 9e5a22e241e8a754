package dev.listings.alerting.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.alerting.json.AlertJson;
import dev.listings.alerting.model.Alert;
import dev.listings.alerting.model.AlertStatus;
import dev.listings.alerting.model.Severity;
import dev.listings.alerting.rules.AlertEngine;
import dev.listings.alerting.rules.AppErrorRules;
import dev.listings.alerting.rules.ObjectRules;
import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.schemas.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consume loop on a real broker across a restart: the second run re-reads the inputs and its own alerts, so an
 * incident that fired before the restart is neither fired again nor forgotten, and resolves exactly once.
 */
@Tag("integration")
class AlertingLoopRestartIT {
  private static final String ALERTS = "pipeline.alerts.v1";
  private static final InputTopics TOPICS =
      new InputTopics(Topics.REJECTS, Topics.INGEST_AUDIT, Topics.LEDGER, "pipeline.app-errors.v1", ALERTS);

  @TempDir static Path dir;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedKafkaBroker.start(dir, 0);
    broker.createTopic(Topics.REJECTS, 1, Map.of());
    broker.createTopic(Topics.INGEST_AUDIT, 1, Map.of());
    broker.createTopic(Topics.LEDGER, 1, Map.of("cleanup.policy", "compact"));
    broker.createTopic(ALERTS, 1, Map.of());
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void incidentOpenBeforeARestartResolvesOnceAfterIt() throws Exception {
    String object = "s3://landing/partner-r/a.jsonl";
    produce(Topics.INGEST_AUDIT, object, audit("failed", "disk on fire"));

    List<Alert> firstRun = runLoopUntil(alerts -> alerts.size() >= 1, Duration.ofSeconds(20));
    assertThat(firstRun).extracting(Alert::status).containsExactly(AlertStatus.FIRING);

    // Restarted: the failed audit is read again within the lookback, but the incident is restored, not re-fired.
    List<Alert> idleRestart = runLoopUntil(alerts -> false, Duration.ofSeconds(4));
    assertThat(idleRestart).isEmpty();

    produce(Topics.INGEST_AUDIT, object, audit("completed", null));
    List<Alert> afterFix = runLoopUntil(alerts -> !alerts.isEmpty(), Duration.ofSeconds(20));
    assertThat(afterFix).singleElement().satisfies(alert -> {
      assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(alert.incidentId()).isEqualTo(firstRun.get(0).incidentId());
    });
    assertThat(runLoopUntil(alerts -> false, Duration.ofSeconds(3))).isEmpty();
  }

  /** Runs a fresh loop (new engine, new consumer) until the condition holds or the time is up; returns its alerts. */
  private List<Alert> runLoopUntil(java.util.function.Predicate<List<Alert>> done, Duration limit)
      throws Exception {
    List<Alert> published = new CopyOnWriteArrayList<>();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AlertEngine engine = new AlertEngine(List.of(),
        new ObjectRules(true, Severity.CRITICAL, true, Duration.ofMinutes(15), Severity.WARNING,
            Duration.ofHours(1)),
        new AppErrorRules(true, Duration.ofMinutes(5), 1, Map.of(), Severity.WARNING, Map.of(), Duration.ZERO),
        Clock.systemUTC());
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
        new ByteArraySerializer());
    KafkaAlertPublisher publisher = new KafkaAlertPublisher(producer, ALERTS, registry);
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
    AlertingLoop loop = new AlertingLoop(consumer, engine, alert -> {
      publisher.publish(alert);
      published.add(alert);
    }, TOPICS, new AlertingLoop.Settings(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofSeconds(1),
        Duration.ofDays(1)), Clock.systemUTC(), registry);
    Thread thread = new Thread(loop, "alerting-loop-test");
    thread.start();
    long deadline = System.nanoTime() + limit.toNanos();
    while (!done.test(published) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(loop.status().caughtUp()).isTrue();
    loop.stop();
    thread.join(10_000);
    publisher.close();
    assertThat(alertsOnTopic()).hasSizeGreaterThanOrEqualTo(published.size());
    return published;
  }

  private static List<Alert> alertsOnTopic() throws Exception {
    try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      var partition = new org.apache.kafka.common.TopicPartition(ALERTS, 0);
      reader.assign(List.of(partition));
      reader.seekToBeginning(List.of(partition));
      long end = reader.endOffsets(List.of(partition)).get(partition);
      List<Alert> alerts = new java.util.ArrayList<>();
      while (reader.position(partition) < end) {
        for (var record : reader.poll(Duration.ofMillis(200))) {
          alerts.add(AlertJson.parse(record.value()));
        }
      }
      return alerts;
    }
  }

  private static void produce(String topic, String key, String value) {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
        new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value));
    }
  }

  private static String audit(String status, String error) {
    Instant now = Instant.now();
    return """
        {"bucket":"landing","key":"partner-r/a.jsonl","etag":"e1","lines":0,"bytes":0,"started_at":"%s",
         "finished_at":"%s","status":"%s","error":%s}""".formatted(now, now, status,
        error == null ? "null" : "\"" + error + "\"");
  }
}
