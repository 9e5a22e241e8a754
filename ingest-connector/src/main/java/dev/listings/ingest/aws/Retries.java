package dev.listings.ingest.aws;

import dev.listings.ingest.read.UnreadableObjectException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Which failures are worth another attempt, and how long to wait before it. Only what is transient by nature is
 * retried: network errors, throttling, server errors and what the SDK marks retryable. Anything else (access denied,
 * a missing bucket, bad configuration) fails the task, so that it shows FAILED rather than idling while RUNNING.
 */
public final class Retries {
  private final int maxAttempts;
  private final Duration backoff;
  private final Duration backoffMax;

  public Retries(int maxAttempts, Duration backoff, Duration backoffMax) {
    this.maxAttempts = maxAttempts;
    this.backoff = backoff;
    this.backoffMax = backoffMax;
  }

  public static boolean isRetryable(Throwable failure) {
    if (failure instanceof UnreadableObjectException) {
      return false;
    }
    if (failure instanceof IOException || failure instanceof UncheckedIOException) {
      return true;
    }
    if (failure instanceof SdkServiceException service) {
      int status = service.statusCode();
      return status >= 500 || status == 429 || service.isThrottlingException() || service.retryable();
    }
    if (failure instanceof SdkClientException client) {
      return client.retryable() || hasIoCause(client);
    }
    return false;
  }

  /** Whether attempt number {@code attempt} (1 for the first retry) may still be made. */
  public boolean allows(int attempt) {
    return attempt <= maxAttempts;
  }

  /** The pause before retry number {@code attempt} (1-based): the backoff doubled each time, capped. */
  public Duration delay(int attempt) {
    long base = backoff.toMillis();
    int doublings = Math.min(Math.max(attempt - 1, 0), 30);
    long millis = base > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : base << doublings;
    return Duration.ofMillis(Math.min(millis, backoffMax.toMillis()));
  }

  private static boolean hasIoCause(Throwable failure) {
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
