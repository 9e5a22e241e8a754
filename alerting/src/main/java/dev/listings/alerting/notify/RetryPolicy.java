package dev.listings.alerting.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * Exponential backoff for retryable delivery failures: the n-th retry waits {@code initialBackoff × 2^(n-1)}, at most
 * {@code maxBackoff}, or what the receiver asked for (Retry-After) when that is longer. A delivery gives up after
 * {@code maxAttempts} attempts or when the next wait would end after {@code maxElapsed} since the first attempt, so one
 * alert never holds its notifier longer than that.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxElapsed) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max-attempts must be at least 1");
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || maxElapsed.isNegative()) {
      throw new IllegalArgumentException("backoffs must satisfy 0 <= initial-backoff <= max-backoff");
    }
  }

  /**
   * The wait before the next attempt after {@code attempts} attempts took {@code elapsed} and the last one ended as
   * {@code last}; empty when the delivery should give up.
   */
  public Optional<Duration> nextDelay(int attempts, Duration elapsed, DeliveryResult last) {
    if (last.outcome() != DeliveryResult.Outcome.RETRYABLE || attempts >= maxAttempts) {
      return Optional.empty();
    }
    Duration delay = backoff(attempts);
    if (last.retryAfter() != null && last.retryAfter().compareTo(delay) > 0) {
      delay = last.retryAfter();
    }
    return elapsed.plus(delay).compareTo(maxElapsed) > 0 ? Optional.empty() : Optional.of(delay);
  }

  /** The exponential wait after {@code attempts} failed attempts (1 = before the first retry). */
  Duration backoff(int attempts) {
    int doublings = Math.min(attempts - 1, 30);
    long millis = initialBackoff.toMillis() << doublings;
    return millis < 0 || millis > maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis(millis);
  }
}
