package dev.listings.usecases.pricepersqm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.usecases.IndependentStats;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class PriceStatsTest {
  private static final double COMPRESSION = 200;

  @Test
  void keepsQuantilesExactUpToTheLimitAndSwitchesToTheDigestPastIt() {
    PriceStats stats = new PriceStats();
    for (int i = 1; i <= 10; i++) {
      stats.add(i * 100, i, 10, COMPRESSION);
    }
    assertThat(stats.isExact()).isTrue();
    assertThat(stats.quantile(0.5)).isEqualTo(550.0);

    stats.add(1100, 11, 10, COMPRESSION);

    assertThat(stats.isExact()).isFalse();
    assertThat(stats.count()).isEqualTo(11);
    assertThat(stats.quantile(0.5)).isBetween(500.0, 700.0);
    assertThat(stats.min()).isEqualTo(100.0);
    assertThat(stats.max()).isEqualTo(1100.0);
  }

  @Test
  void sumsInCentsSoTheMeanIsExactAndIndependentOfOrder() {
    PriceStats forward = new PriceStats();
    PriceStats backward = new PriceStats();
    double[] values = {0.1, 0.2, 0.3, 1234.57, 9999.99, 0.01};
    for (int i = 0; i < values.length; i++) {
      forward.add(values[i], i, 100, COMPRESSION);
      backward.add(values[values.length - 1 - i], i, 100, COMPRESSION);
    }
    assertThat(forward.mean()).isEqualTo(backward.mean()).isEqualTo(1123517 / 6.0 / 100.0);
  }

  @Test
  void survivesTheStoreFormatInBothModes() {
    PriceStats stats = new PriceStats();
    Random random = new Random(3);
    for (int i = 0; i < 30; i++) {
      stats.add(1000 + random.nextInt(5000), 1000 + i, 50, COMPRESSION);
    }
    PriceStats exactCopy = roundTrip(stats);
    assertThat(exactCopy.isExact()).isTrue();
    assertSame(exactCopy, stats);

    for (int i = 0; i < 300; i++) {
      stats.add(1000 + random.nextInt(5000), 2000 + i, 50, COMPRESSION);
    }
    PriceStats digestCopy = roundTrip(stats);
    assertThat(digestCopy.isExact()).isFalse();
    assertSame(digestCopy, stats);
  }

  @Test
  void rejectsValuesThatAreNotFinite() {
    assertThatThrownBy(() -> new PriceStats().add(Double.NaN, 0, 10, COMPRESSION))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The documented tolerance of the digest: whatever the distribution (continuous, skewed, heavily tied) and arrival
   * order (random, ascending, descending), with the stats written to and read from the store after every observation as
   * the topology does, p10, median and p90 lie between the exact quantiles at q - 0.02 and q + 0.02.
   */
  @Test
  void digestQuantilesStayWithinTheDocumentedRankTolerance() {
    Random random = new Random(42);
    List<DoubleSupplier> distributions =
        List.of(
            () -> 500 + random.nextDouble() * 14500,
            () -> Math.exp(8 + 0.5 * random.nextGaussian()),
            () -> 3000 + 200 * random.nextInt(10),
            () -> 1000 * (1 + random.nextInt(3)),
            () -> 5000 + 1000 * random.nextGaussian());
    for (int trial = 0; trial < 30; trial++) {
      int n = 1500 + random.nextInt(6000);
      List<Double> values = new ArrayList<>(n);
      DoubleSupplier distribution = distributions.get(trial % distributions.size());
      for (int i = 0; i < n; i++) {
        values.add(Math.round(Math.max(500, distribution.getAsDouble()) * 100) / 100.0);
      }
      if (trial % 3 == 1) {
        Collections.sort(values);
      } else if (trial % 3 == 2) {
        values.sort(Collections.reverseOrder());
      }
      PriceStats stats = new PriceStats();
      for (double value : values) {
        stats = roundTrip(stats);
        stats.add(value, 0, 1000, COMPRESSION);
      }
      IndependentStats expected = IndependentStats.of(values);
      for (double q : new double[] {0.1, 0.5, 0.9}) {
        PricePerSqmMatchesIndependentComputationTest.assertWithinRankTolerance(stats.quantile(q), expected, q);
      }
    }
  }

  private static void assertSame(PriceStats copy, PriceStats original) {
    assertThat(copy.count()).isEqualTo(original.count());
    assertThat(copy.mean()).isEqualTo(original.mean());
    assertThat(copy.min()).isEqualTo(original.min());
    assertThat(copy.max()).isEqualTo(original.max());
    assertThat(copy.latestTimestamp()).isEqualTo(original.latestTimestamp());
    assertThat(copy.quantiles(0.1, 0.5, 0.9)).containsExactly(original.quantiles(0.1, 0.5, 0.9));
  }

  private static PriceStats roundTrip(PriceStats stats) {
    return PriceStatsSerde.read(ByteBuffer.wrap(PriceStatsSerde.write(stats)));
  }
}
