package dev.listings.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpResultsTest {
  private static final Instant NOW = Instant.parse("2026-01-05T08:00:00Z");

  @Test
  void readsRetryAfterAsSecondsOrAsAnHttpDate() {
    assertThat(HttpResults.retryAfter("30", NOW)).isEqualTo(Duration.ofSeconds(30));
    assertThat(HttpResults.retryAfter("Mon, 05 Jan 2026 08:01:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
    assertThat(HttpResults.retryAfter("Mon, 05 Jan 2026 07:00:00 GMT", NOW)).isZero();
    assertThat(HttpResults.retryAfter("soon", NOW)).isNull();
    assertThat(HttpResults.retryAfter(null, NOW)).isNull();
  }

  @Test
  void classifiesStatuses() {
    assertThat(HttpResults.classify(204, null, NOW).outcome()).isEqualTo(DeliveryResult.Outcome.DELIVERED);
    assertThat(HttpResults.classify(408, null, NOW).outcome()).isEqualTo(DeliveryResult.Outcome.RETRYABLE);
    assertThat(HttpResults.classify(503, "4", NOW)).isEqualTo(
        DeliveryResult.retryable("HTTP 503", Duration.ofSeconds(4)));
    assertThat(HttpResults.classify(301, null, NOW).outcome()).isEqualTo(DeliveryResult.Outcome.FAILED);
    assertThat(HttpResults.classify(410, null, NOW).outcome()).isEqualTo(DeliveryResult.Outcome.FAILED);
  }
}
