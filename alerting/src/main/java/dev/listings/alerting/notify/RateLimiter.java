package dev.listings.alerting.notify;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket: up to {@code burst} sends at once, refilled at {@code perMinute}. Throttles a notifier during an
 * alert storm by delaying sends (the queue absorbs them) instead of dropping resolved alerts that pair with firing
 * ones.
 */
public final class RateLimiter {
  private final Clock clock;
  private final double tokensPerMilli;
  private final double burst;
  private double tokens;
  private long lastRefillMillis;

  public RateLimiter(int perMinute, int burst, Clock clock) {
    if (perMinute < 1 || burst < 1) {
      throw new IllegalArgumentException("rate limit and burst must be at least 1");
    }
    this.clock = clock;
    this.tokensPerMilli = perMinute / 60_000.0;
    this.burst = burst;
    this.tokens = burst;
    this.lastRefillMillis = clock.millis();
  }

  /** Takes a token when one is available and returns zero, else returns how long until one will be. */
  public synchronized Duration tryAcquire() {
    long now = clock.millis();
    tokens = Math.min(burst, tokens + (now - lastRefillMillis) * tokensPerMilli);
    lastRefillMillis = now;
    if (tokens >= 1) {
      tokens -= 1;
      return Duration.ZERO;
    }
    return Duration.ofMillis((long) Math.ceil((1 - tokens) / tokensPerMilli));
  }
}
