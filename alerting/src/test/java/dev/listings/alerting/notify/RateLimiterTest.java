package dev.listings.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.alerting.rules.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  @Test
  void allowsABurstThenOneSendPerRefillInterval() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    RateLimiter limiter = new RateLimiter(60, 2, clock);

    assertThat(limiter.tryAcquire()).isZero();
    assertThat(limiter.tryAcquire()).isZero();
    assertThat(limiter.tryAcquire()).isEqualTo(Duration.ofSeconds(1));

    clock.advance(Duration.ofMillis(500));
    assertThat(limiter.tryAcquire()).isEqualTo(Duration.ofMillis(500));
    clock.advance(Duration.ofMillis(500));
    assertThat(limiter.tryAcquire()).isZero();

    clock.advance(Duration.ofMinutes(10));
    assertThat(limiter.tryAcquire()).isZero();
    assertThat(limiter.tryAcquire()).isZero();
    assertThat(limiter.tryAcquire()).isPositive();
  }
}
