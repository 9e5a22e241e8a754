package dev.listings.alerting.notify;

import java.time.Duration;

/**
 * The outcome of one delivery attempt.
 *
 * @param detail what went wrong (status code, exception), empty when delivered
 * @param retryAfter how long the receiver asked us to wait (HTTP 429 Retry-After), null when it did not say
 */
public record DeliveryResult(Outcome outcome, String detail, Duration retryAfter) {
  public enum Outcome {
    DELIVERED,
    /** Worth another attempt: 5xx, 408, 429, timeouts, connection failures, throttling. */
    RETRYABLE,
    /** Retrying would not help: other 4xx, bad configuration, a message the receiver refuses. */
    FAILED
  }

  public static DeliveryResult delivered() {
    return new DeliveryResult(Outcome.DELIVERED, "", null);
  }

  public static DeliveryResult retryable(String detail) {
    return new DeliveryResult(Outcome.RETRYABLE, detail, null);
  }

  public static DeliveryResult retryable(String detail, Duration retryAfter) {
    return new DeliveryResult(Outcome.RETRYABLE, detail, retryAfter);
  }

  public static DeliveryResult failed(String detail) {
    return new DeliveryResult(Outcome.FAILED, detail, null);
  }
}
