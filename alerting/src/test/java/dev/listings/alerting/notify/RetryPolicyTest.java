package dev.listings.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(30));

  @Test
  void backoffDoublesUpToTheMaximum() {
    DeliveryResult serverError = DeliveryResult.retryable("HTTP 500");

    assertThat(policy.nextDelay(1, Duration.ZERO, serverError)).contains(Duration.ofSeconds(1));
    assertThat(policy.nextDelay(2, Duration.ZERO, serverError)).contains(Duration.ofSeconds(2));
    assertThat(policy.nextDelay(3, Duration.ZERO, serverError)).contains(Duration.ofSeconds(4));
    assertThat(policy.nextDelay(4, Duration.ZERO, serverError)).contains(Duration.ofSeconds(8));
    assertThat(policy.nextDelay(5, Duration.ZERO, serverError)).contains(Duration.ofSeconds(10));
  }

  @Test
  void retryAfterWinsWhenLongerThanTheBackoff() {
    assertThat(policy.nextDelay(1, Duration.ZERO, DeliveryResult.retryable("429", Duration.ofSeconds(5))))
        .contains(Duration.ofSeconds(5));
    assertThat(policy.nextDelay(4, Duration.ZERO, DeliveryResult.retryable("429", Duration.ofSeconds(5))))
        .contains(Duration.ofSeconds(8));
  }

  @Test
  void givesUpOnPermanentFailuresAfterTheLastAttemptAndPastTheElapsedBudget() {
    assertThat(policy.nextDelay(1, Duration.ZERO, DeliveryResult.failed("HTTP 400"))).isEmpty();
    assertThat(policy.nextDelay(6, Duration.ZERO, DeliveryResult.retryable("HTTP 500"))).isEmpty();
    assertThat(policy.nextDelay(2, Duration.ofSeconds(29), DeliveryResult.retryable("HTTP 500"))).isEmpty();
    assertThat(policy.nextDelay(1, Duration.ZERO, DeliveryResult.retryable("429", Duration.ofMinutes(5))))
        .isEmpty();
  }
}
