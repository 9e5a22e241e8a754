package dev.listings.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.alerting.model.Severity;
import dev.listings.alerting.notify.RecordingHttpServer.Request;
import dev.listings.alerting.notify.RecordingHttpServer.Response;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** The SNS notifier against a local server speaking SNS's Query API (form-encoded request, XML response). */
class SnsNotifierTest {
  private static final String TOPIC = "arn:aws:sns:eu-central-1:123456789012:listings-alerts";
  private static final String PUBLISHED = """
      <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
        <PublishResult><MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult>
        <ResponseMetadata><RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId></ResponseMetadata>
      </PublishResponse>""";

  private RecordingHttpServer sns;
  private SnsNotifier notifier;

  @BeforeEach
  void start() throws Exception {
    sns = RecordingHttpServer.start();
    sns.answer("/", request -> new Response(200, Map.of("Content-Type", "text/xml"), PUBLISHED));
    notifier = new SnsNotifier(SnsNotifier.client(Region.EU_CENTRAL_1, sns.url("/"), "local", "localsecret",
        Duration.ofSeconds(2)), TOPIC);
  }

  @AfterEach
  void stop() {
    notifier.close();
    sns.close();
  }

  private static Response error(int status, String code) {
    return new Response(status, Map.of("Content-Type", "text/xml"), """
        <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
          <Error><Type>Sender</Type><Code>%s</Code><Message>refused</Message></Error>
          <RequestId>42</RequestId>
        </ErrorResponse>""".formatted(code));
  }

  @Test
  void publishesTheAlertJsonWithSubjectAndAttributes() throws Exception {
    DeliveryResult result = notifier.deliver(TestAlerts.firing(Severity.CRITICAL));

    assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
    Request request = sns.requests("/").get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.headers().get("authorization"))
        .startsWith("AWS4-HMAC-SHA256 Credential=local/").contains("/eu-central-1/sns/aws4_request");
    Map<String, String> form = form(request.body());
    assertThat(form).containsEntry("Action", "Publish").containsEntry("Version", "2010-03-31")
        .containsEntry("TopicArn", TOPIC).containsEntry("Subject", "[FIRING] CRITICAL REJECT_RATIO per-source");
    JsonNode message = new ObjectMapper().readTree(form.get("Message"));
    assertThat(message.get("status").asText()).isEqualTo("firing");
    assertThat(message.get("incident_key").asText()).isEqualTo("reject-ratio/per-source/landing/partner-a");
    Map<String, String> attributes = attributes(form);
    assertThat(attributes).containsEntry("severity", "critical").containsEntry("status", "firing")
        .containsEntry("kind", "REJECT_RATIO");
  }

  @Test
  void retriesServerErrorsAndThrottlingThenDelivers() throws Exception {
    sns.enqueue("/", error(500, "InternalError"), error(400, "Throttling"));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DeliveryWorker worker = new DeliveryWorker(notifier,
        new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(30)),
        new RateLimiter(600, 10, Clock.systemUTC()), 10, Sleeper.SYSTEM, registry).start();
    try {
      worker.offer(TestAlerts.resolved(Severity.WARNING));

      assertThat(sns.await("/", 3, Duration.ofSeconds(10))).hasSize(3);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (registry.find("alerting.notifications").tag("outcome", "delivered").counter().count() < 1
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(registry.find("alerting.notifications").tag("outcome", "delivered").counter().count())
          .isEqualTo(1);
      assertThat(registry.find("alerting.notifier.failures").tag("retryable", "true").counter().count())
          .isEqualTo(2);
      assertThat(form(sns.requests("/").get(2).body())).containsEntry("Subject",
          "[RESOLVED] WARNING REJECT_RATIO per-source");
    } finally {
      worker.close(Duration.ofSeconds(2));
    }
  }

  @Test
  void refusedRequestFailsWithoutRetry() {
    sns.enqueue("/", error(404, "NotFound"));

    DeliveryResult result = notifier.deliver(TestAlerts.firing(Severity.CRITICAL));

    assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.FAILED);
    assertThat(result.detail()).contains("404");
  }

  @Test
  void subjectIsPrintableAsciiOfAtMostOneHundredCharacters() {
    var alert = TestAlerts.firing(Severity.INFO);
    var longRule = new dev.listings.alerting.model.Alert(alert.incidentId(), alert.incidentKey(), alert.status(),
        alert.kind(), "règle-" + "x".repeat(200), alert.severity(), alert.summary(), alert.labels(), alert.values(),
        alert.startedAt(), null, null, alert.at());

    assertThat(SnsNotifier.subject(longRule)).hasSize(100).matches("[\\x20-\\x7E]+").contains("r?gle-");
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  /** MessageAttributes.entry.N.Name / .Value.StringValue pairs. */
  private static Map<String, String> attributes(Map<String, String> form) {
    Map<String, String> attributes = new HashMap<>();
    for (int n = 1; form.containsKey("MessageAttributes.entry." + n + ".Name"); n++) {
      attributes.put(form.get("MessageAttributes.entry." + n + ".Name"),
          form.get("MessageAttributes.entry." + n + ".Value.StringValue"));
    }
    return attributes;
  }
}
