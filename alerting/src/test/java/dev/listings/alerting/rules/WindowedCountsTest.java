package dev.listings.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WindowedCountsTest {
  private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
  private final WindowedCounts counts = new WindowedCounts(Duration.ofMinutes(10));

  @Test
  void sumsEventsInsideTheWindowOnly() {
    counts.add("a", T0, 3, T0);
    counts.add("a", T0.plusSeconds(300), 2, T0.plusSeconds(300));

    assertThat(counts.sum("a", T0.plusSeconds(300))).isEqualTo(5);
    assertThat(counts.sum("a", T0.plusSeconds(599))).isEqualTo(5);
    assertThat(counts.sum("a", T0.plusSeconds(601))).isEqualTo(2);
    assertThat(counts.sum("a", T0.plusSeconds(901))).isZero();
    assertThat(counts.sum("b", T0)).isZero();
  }

  @Test
  void ignoresEventsAlreadyOutsideTheWindowAndClampsFutureOnesToNow() {
    Instant now = T0.plusSeconds(3600);
    counts.add("a", T0, 5, now);
    counts.add("a", now.plusSeconds(3600), 1, now);

    assertThat(counts.sum("a", now)).isEqualTo(1);
    assertThat(counts.sum("a", now.plusSeconds(601))).isZero();
  }

  @Test
  void acceptsEventsOutOfTimeOrder() {
    Instant now = T0.plusSeconds(120);
    counts.add("a", T0.plusSeconds(100), 1, now);
    counts.add("a", T0.plusSeconds(10), 1, now);
    counts.add("a", T0.plusSeconds(50), 1, now);
    counts.add("a", T0.plusSeconds(10), 1, now);

    assertThat(counts.sum("a", now)).isEqualTo(4);
    assertThat(counts.sum("a", T0.plusSeconds(640))).isEqualTo(2);
  }

  @Test
  void pruneForgetsKeysWithNothingLeftInTheWindow() {
    counts.add("a", T0, 1, T0);
    counts.add("b", T0.plusSeconds(500), 1, T0.plusSeconds(500));

    counts.prune(T0.plusSeconds(700));

    assertThat(counts.keys()).containsExactly("b");
  }
}
