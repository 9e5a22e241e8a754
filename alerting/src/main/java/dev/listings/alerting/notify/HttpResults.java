package dev.listings.alerting.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Maps an HTTP response to a delivery outcome; shared by the webhook notifiers. */
final class HttpResults {
  private HttpResults() {}

  static DeliveryResult classify(int status, String retryAfterHeader, Instant now) {
    if (status >= 200 && status < 300) {
      return DeliveryResult.delivered();
    }
    String detail = "HTTP " + status;
    if (status == 429) {
      return DeliveryResult.retryable(detail, retryAfter(retryAfterHeader, now));
    }
    if (status == 408 || status >= 500) {
      return DeliveryResult.retryable(detail, status == 503 ? retryAfter(retryAfterHeader, now) : null);
    }
    return DeliveryResult.failed(detail);
  }

  /** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.strip();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }
}
