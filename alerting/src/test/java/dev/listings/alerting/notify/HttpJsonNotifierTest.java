package dev.listings.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.alerting.model.Severity;
import dev.listings.alerting.notify.RecordingHttpServer.Request;
import dev.listings.alerting.notify.RecordingHttpServer.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpJsonNotifierTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private RecordingHttpServer receiver;

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = RecordingHttpServer.start();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private HttpJsonNotifier slack() {
    return HttpJsonNotifier.slack(receiver.url("/slack"), Duration.ofSeconds(2), Clock.systemUTC());
  }

  @Test
  void slackWebhookReceivesASlackMessage() throws Exception {
    DeliveryResult result = slack().deliver(TestAlerts.firing(Severity.CRITICAL));

    assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
    Request request = receiver.requests("/slack").get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.headers().get("content-type")).startsWith("application/json");
    JsonNode message = JSON.readTree(request.body());
    assertThat(message.get("text").asText())
        .isEqualTo("[FIRING] CRITICAL Reject ratio 45.0% > 20.0% over 10m for source landing/partner-a "
            + "(90 of 200 lines)");
    JsonNode attachment = message.get("attachments").get(0);
    assertThat(attachment.get("color").asText()).isEqualTo("#e01e5a");
    assertThat(attachment.get("title").asText()).isEqualTo("REJECT_RATIO · per-source");
    assertThat(attachment.get("footer").asText()).contains("0d6b1c2e-1111-3aaa-8bbb-123456789abc");
    assertThat(attachment.get("fields")).anySatisfy(field -> {
      assertThat(field.get("title").asText()).isEqualTo("source");
      assertThat(field.get("value").asText()).isEqualTo("landing/partner-a");
    });
    assertThat(attachment.get("fields")).anySatisfy(field -> {
      assertThat(field.get("title").asText()).isEqualTo("ratio");
      assertThat(field.get("value").asText()).isEqualTo("0.45");
    });
  }

  @Test
  void resolvedSlackMessageIsGreenAndSaysResolved() throws Exception {
    slack().deliver(TestAlerts.resolved(Severity.WARNING));

    JsonNode message = JSON.readTree(receiver.requests("/slack").get(0).body());
    assertThat(message.get("text").asText()).startsWith("[RESOLVED] WARNING ").endsWith("resolved: condition cleared");
    assertThat(message.get("attachments").get(0).get("color").asText()).isEqualTo(SlackMessage.RESOLVED_COLOR);
  }

  @Test
  void genericWebhookReceivesTheAlertJsonWithConfiguredHeaders() throws Exception {
    HttpJsonNotifier webhook = HttpJsonNotifier.webhook(receiver.url("/hook"),
        Map.of("Authorization", "Bearer s3cret"), Duration.ofSeconds(2), Clock.systemUTC());

    assertThat(webhook.deliver(TestAlerts.firing(Severity.WARNING)).outcome())
        .isEqualTo(DeliveryResult.Outcome.DELIVERED);

    Request request = receiver.requests("/hook").get(0);
    assertThat(request.headers()).containsEntry("authorization", "Bearer s3cret");
    JsonNode alert = JSON.readTree(request.body());
    assertThat(alert.get("status").asText()).isEqualTo("firing");
    assertThat(alert.get("severity").asText()).isEqualTo("warning");
    assertThat(alert.get("incident_key").asText()).isEqualTo("reject-ratio/per-source/landing/partner-a");
    assertThat(alert.get("values").get("rejected").asLong()).isEqualTo(90);
    assertThat(alert.get("resolved_at").isNull()).isTrue();
  }

  @Test
  void serverErrorsAndThrottlingAreRetryableClientErrorsAreNot() {
    receiver.enqueue("/slack", Response.of(500), Response.of(503),
        new Response(429, Map.of("Retry-After", "7"), ""), Response.of(400), Response.of(404));
    HttpJsonNotifier slack = slack();

    assertThat(slack.deliver(TestAlerts.firing(Severity.INFO)))
        .isEqualTo(DeliveryResult.retryable("HTTP 500"));
    assertThat(slack.deliver(TestAlerts.firing(Severity.INFO)).outcome())
        .isEqualTo(DeliveryResult.Outcome.RETRYABLE);
    assertThat(slack.deliver(TestAlerts.firing(Severity.INFO)))
        .isEqualTo(DeliveryResult.retryable("HTTP 429", Duration.ofSeconds(7)));
    assertThat(slack.deliver(TestAlerts.firing(Severity.INFO))).isEqualTo(DeliveryResult.failed("HTTP 400"));
    assertThat(slack.deliver(TestAlerts.firing(Severity.INFO))).isEqualTo(DeliveryResult.failed("HTTP 404"));
  }

  @Test
  void slowReceiverTimesOutAsRetryable() {
    receiver.answer("/slow", request -> {
      try {
        Thread.sleep(1500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Response.of(200);
    });
    HttpJsonNotifier slow = HttpJsonNotifier.webhook(receiver.url("/slow"), Map.of(), Duration.ofMillis(300),
        Clock.systemUTC());

    DeliveryResult result = slow.deliver(TestAlerts.firing(Severity.INFO));

    assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.RETRYABLE);
    assertThat(result.detail()).contains("timed out");
  }

  @Test
  void unreachableReceiverIsRetryable() {
    URI closed = receiver.url("/gone");
    receiver.close();

    DeliveryResult result = HttpJsonNotifier.webhook(closed, Map.of(), Duration.ofMillis(500), Clock.systemUTC())
        .deliver(TestAlerts.firing(Severity.INFO));

    assertThat(result.outcome()).isEqualTo(DeliveryResult.Outcome.RETRYABLE);
  }
}
