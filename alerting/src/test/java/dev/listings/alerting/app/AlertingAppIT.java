package dev.listings.alerting.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.alerting.notify.RecordingHttpServer.Request;
import dev.listings.schemas.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packaged app on a real broker: rejects, audit, ledger and app-error records go in; alerts must come out on the
 * alerts topic and at the Slack, webhook and SNS receivers, once per incident state change.
 */
@QuarkusTest
@Tag("integration")
@WithTestResource(AlertingStackResource.class)
class AlertingAppIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  AlertingStack stack;

  @TestHTTPResource("/q/health/ready")
  URL ready;

  @TestHTTPResource("/q/metrics")
  URL metrics;

  private KafkaProducer<String, String> producer;
  private AlertsTopic alerts;

  @BeforeEach
  void connect() {
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        stack.broker().bootstrapServers()), new StringSerializer(), new StringSerializer());
    alerts = new AlertsTopic(stack.broker().bootstrapServers());
  }

  @AfterEach
  void disconnect() {
    producer.close();
    alerts.close();
  }

  @Test
  void rejectSpikeFiresOnceAndResolvesOnceEverywhere() throws Exception {
    String key = "partner-spike/2026/01/a.jsonl";
    send(Topics.LEDGER, "0_0.judge|s3://landing/" + key + "@e1", ledger(key, 0, 30, 0));
    send(Topics.LEDGER, "1_0.dedupe|s3://landing/" + key + "@e1", ledger(key, 8, 0, 2));
    for (int line = 1; line <= 30; line++) {
      send(Topics.REJECTS, "s3://landing/" + key + "#" + line, reject(key, line, "PRICE_UNPARSEABLE"));
    }
    producer.flush();

    String incident = "reject-ratio/per-source/landing/partner-spike";
    List<JsonNode> both = alerts.await(AlertsTopic.incident(incident), 2, WAIT);
    List<JsonNode> settled = alerts.settle(AlertsTopic.incident(incident), Duration.ofSeconds(2));

    assertThat(settled).hasSize(2);
    JsonNode firing = both.get(0);
    assertThat(firing.get("status").asText()).isEqualTo("firing");
    assertThat(firing.get("kind").asText()).isEqualTo("REJECT_RATIO");
    assertThat(firing.get("severity").asText()).isEqualTo("warning");
    // the rule fires at the first evaluation over the threshold, which may see part of the spike
    long rejected = firing.get("values").get("rejected").asLong();
    long lines = firing.get("values").get("lines").asLong();
    assertThat(rejected).isBetween(1L, 30L);
    assertThat(lines).isBetween(Math.max(rejected, 20L), 40L); // min-lines is 20 in this test
    assertThat((double) rejected / lines).isGreaterThan(0.2);
    assertThat(both.get(1).get("status").asText()).isEqualTo("resolved");
    assertThat(both.get(1).get("incident_id").asText()).isEqualTo(firing.get("incident_id").asText());

    assertThat(received("/slack", "partner-spike", 2)).extracting(r -> JSON.readTree(r.body()).get("text").asText())
        .satisfiesExactly(text -> assertThat(text).startsWith("[FIRING] WARNING Reject ratio "),
            text -> assertThat(text).startsWith("[RESOLVED] WARNING"));
    assertThat(received("/hook", "partner-spike", 2)).allSatisfy(request -> {
      assertThat(request.headers()).containsEntry("x-alert-token", "t0k3n");
      assertThat(JSON.readTree(request.body()).get("incident_key").asText()).isEqualTo(incident);
    });
    assertThat(awaitSnsMessages("partner-spike", 2)).isEqualTo(2);
    assertThat(get(metrics)).contains("alerting_alerts_total{kind=\"REJECT_RATIO\",severity=\"warning\","
        + "status=\"firing\"}");
  }

  @Test
  void failedObjectAlertsOnEveryNotifier() throws Exception {
    send(Topics.INGEST_AUDIT, "s3://landing/partner-failed/b.jsonl", audit("partner-failed/b.jsonl", 0, "failed",
        "GetObject: Access Denied"));
    producer.flush();

    List<JsonNode> found =
        alerts.await(AlertsTopic.incident("object-failed/s3://landing/partner-failed/b.jsonl"), 1, WAIT);

    assertThat(found).singleElement().satisfies(alert -> {
      assertThat(alert.get("kind").asText()).isEqualTo("OBJECT_FAILED");
      assertThat(alert.get("severity").asText()).isEqualTo("critical");
      assertThat(alert.get("summary").asText()).contains("Access Denied");
    });
    assertThat(received("/slack", "partner-failed", 1)).hasSize(1);
    assertThat(received("/hook", "partner-failed", 1)).hasSize(1);
    assertThat(awaitSnsMessages("partner-failed", 1)).isEqualTo(1);
  }

  @Test
  void objectNotAccountedForInTimeAlertsAndResolvesWhenTheLedgerCatchesUp() {
    String key = "partner-slow/c.jsonl";
    send(Topics.INGEST_AUDIT, "s3://landing/" + key, audit(key, 5, "completed", null));
    send(Topics.LEDGER, "0_0.judge|s3://landing/" + key + "@e1", ledger(key, 0, 1, 0));
    send(Topics.LEDGER, "1_0.dedupe|s3://landing/" + key + "@e1", ledger(key, 2, 0, 0));
    producer.flush();
    String incident = "object-unaccounted/s3://landing/" + key + "@e1";

    JsonNode firing = alerts.await(AlertsTopic.incident(incident), 1, WAIT).get(0);
    assertThat(firing.get("values").get("missing").asLong()).isEqualTo(2);
    assertThat(Instant.parse(firing.get("at").asText())).isAfterOrEqualTo(
        Instant.parse(firing.get("started_at").asText()));

    send(Topics.LEDGER, "1_0.dedupe|s3://landing/" + key + "@e1", ledger(key, 3, 0, 1));
    producer.flush();
    List<JsonNode> both = alerts.await(AlertsTopic.incident(incident), 2, WAIT);

    assertThat(both).extracting(a -> a.get("status").asText()).containsExactly("firing", "resolved");
    assertThat(both.get(1).get("resolution").asText()).isEqualTo("accounted for: 5 of 5 lines");
  }

  @Test
  void appErrorEventAlerts() {
    send(AlertingStackResource.APP_ERRORS, "listings-cleaner", """
        {"app":"listings-cleaner","kind":"STREAM_THREAD_DIED","message":"StreamsException: boom",
         "at":"%s","instance":"cleaner-0"}""".formatted(Instant.now()));
    producer.flush();

    List<JsonNode> found =
        alerts.await(AlertsTopic.incident("app-error/listings-cleaner/STREAM_THREAD_DIED"), 1, WAIT);

    assertThat(found).singleElement().satisfies(alert -> {
      assertThat(alert.get("severity").asText()).isEqualTo("critical");
      assertThat(alert.get("labels").get("instance").asText()).isEqualTo("cleaner-0");
    });
  }

  @Test
  void reportsReadyAndExposesMetrics() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(ready.toURI()).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\": \"UP\"", "slack,webhook,sns");
    assertThat(get(metrics)).contains("alerting_notifier_queue{notifier=\"slack\"}", "alerting_incidents_open");
  }

  private void send(String topic, String key, String value) {
    producer.send(new ProducerRecord<>(topic, key, value));
  }

  private List<Request> received(String path, String containing, int count) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<Request> found = List.of();
    while (found.size() < count && System.nanoTime() < deadline) {
      found = stack.hooks().requests(path).stream().filter(r -> r.body().contains(containing)).toList();
      Thread.sleep(50);
    }
    return found;
  }

  /** Waits until {@code count} SNS publishes mention {@code containing}; returns how many did. */
  private long awaitSnsMessages(String containing, int count) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (snsMessages(containing) < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return snsMessages(containing);
  }

  private long snsMessages(String containing) {
    return stack.sns().requests("/").stream()
        .map(request -> URLDecoder.decode(request.body(), StandardCharsets.UTF_8))
        .filter(message -> message.contains(containing))
        .count();
  }

  private static String get(URL url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.toString())).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static String ledger(String key, long curated, long rejected, long duplicates) {
    return """
        {"bucket":"landing","key":"%s","etag":"e1","curated":%d,"rejected":%d,"duplicates":%d,
         "rejected_by_reason":{}}""".formatted(key, curated, rejected, duplicates);
  }

  private static String reject(String key, int line, String reason) {
    return """
        {"reason":"%s","reasons":["%s"],"message":"raw_price has no amount","id":null,"raw":"{}",
         "raw_truncated":false,"provenance":{"bucket":"landing","key":"%s","etag":"e1","line":%d,
         "format":"jsonl","ingested_at":"%s"},"rejected_at":"%s","rules_version":"default-ebe581f7","error":null}
        """.formatted(reason, reason, key, line, Instant.now(), Instant.now());
  }

  private static String audit(String key, long lines, String status, String error) {
    Instant now = Instant.now();
    return """
        {"bucket":"landing","key":"%s","etag":"e1","format":"jsonl","lines":%d,"bytes":%d,"started_at":"%s",
         "finished_at":"%s","status":"%s","error":%s}""".formatted(key, lines, lines * 120, now.minusSeconds(1), now,
        status, error == null ? "null" : "\"" + error + "\"");
  }
}
