package dev.listings.usecases.pricepersqm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tdunning.math.stats.MergingDigest;
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
  void medianOfOneObservationIsThatObservation() {
    PriceStats stats = new PriceStats(COMPRESSION);
    stats.add(5432.1, 1);

    assertThat(stats.quantiles(0.1, 0.5, 0.9)).containsExactly(5432.1, 5432.1, 5432.1);
    assertThat(stats.mean()).isEqualTo(5432.1);
  }

  /** t-digest's convention for small groups: the upper of the two middle values, not their mean. */
  @Test
  void medianOfTwoObservationsIsTheUpperOne() {
    PriceStats stats = new PriceStats(COMPRESSION);
    stats.add(5000, 1);
    stats.add(4000, 2);

    assertThat(stats.quantile(0.5)).isEqualTo(5000.0);
    assertThat(stats.quantile(0.1)).isEqualTo(4000.0);
    assertThat(stats.quantile(0.9)).isEqualTo(5000.0);
    assertThat(stats.mean()).isEqualTo(4500.0);
  }

  @Test
  void quantilesOfSmallGroupsAreObservationsOfRankFloorQnPlusOne() {
    PriceStats stats = new PriceStats(COMPRESSION);
    for (double value : new double[] {4000, 1000, 3000, 2000}) {
      stats.add(value, 1);
    }

    assertThat(stats.quantiles(0.1, 0.5, 0.9)).containsExactly(1000.0, 3000.0, 4000.0);
    stats.add(5000, 2);
    assertThat(stats.quantiles(0.1, 0.5, 0.9)).containsExactly(1000.0, 3000.0, 5000.0);
  }

  /**
   * Up to {@value #EXACT_UP_TO} observations the digest answers exact order statistics: quantile q is the observation of
   * rank ⌊q·n⌋ + 1, whatever the values (ties included) and their order, with the store round trip after every value.
   */
  @Test
  void smallGroupsGetExactOrderStatistics() {
    Random random = new Random(5);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + trial % EXACT_UP_TO;
      List<Double> values = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        values.add(trial % 4 == 0 ? 1000 + 500 * random.nextInt(4) : 500 + random.nextInt(1_450_000) / 100.0);
      }
      if (trial % 3 == 1) {
        Collections.sort(values);
      } else if (trial % 3 == 2) {
        values.sort(Collections.reverseOrder());
      }
      PriceStats stats = new PriceStats(COMPRESSION);
      for (double value : values) {
        stats = roundTrip(stats);
        stats.add(value, 0);
      }
      IndependentStats expected = IndependentStats.of(values);
      for (double q : new double[] {0.1, 0.5, 0.9}) {
        assertThat(stats.quantile(q)).as("q %s of %s", q, values).isEqualTo(expected.orderStatistic(q));
      }
    }
  }

  @Test
  void sumsInCentsSoTheMeanIsExactAndIndependentOfOrder() {
    PriceStats forward = new PriceStats(COMPRESSION);
    PriceStats backward = new PriceStats(COMPRESSION);
    double[] values = {0.1, 0.2, 0.3, 1234.57, 9999.99, 0.01};
    for (int i = 0; i < values.length; i++) {
      forward.add(values[i], i);
      backward.add(values[values.length - 1 - i], i);
    }
    assertThat(forward.mean()).isEqualTo(backward.mean()).isEqualTo(1123517 / 6.0 / 100.0);
  }

  @Test
  void survivesTheStoreFormat() {
    PriceStats stats = new PriceStats(COMPRESSION);
    Random random = new Random(3);
    for (int i = 0; i < 30; i++) {
      stats.add(1000 + random.nextInt(5000), 1000 + i);
    }
    assertSame(roundTrip(stats), stats);

    for (int i = 0; i < 3000; i++) {
      stats.add(1000 + random.nextInt(5000), 2000 + i);
    }
    assertSame(roundTrip(stats), stats);
  }

  /** Entries of the earlier exact mode (the group's values) still read, as a digest of those values. */
  @Test
  void readsEntriesOfTheEarlierExactMode() {
    double[] values = {4000, 1000, 3000, 2000, 5000};
    ByteBuffer legacy = ByteBuffer.allocate(1 + 8 * 5 + 1 + 4 + 8 * values.length);
    legacy.put((byte) 1).putLong(values.length).putLong(1_500_000).putDouble(1000).putDouble(5000).putLong(77);
    legacy.put((byte) 0).putInt(values.length);
    for (double value : values) {
      legacy.putDouble(value);
    }

    PriceStats read = new PriceStatsSerde(COMPRESSION).deserializer().deserialize("t", legacy.array());

    assertThat(read.count()).isEqualTo(5);
    assertThat(read.mean()).isEqualTo(3000.0);
    assertThat(read.latestTimestamp()).isEqualTo(77);
    assertThat(read.quantiles(0.1, 0.5, 0.9)).containsExactly(1000.0, 3000.0, 5000.0);
    read.add(6000, 78);
    assertThat(read.count()).isEqualTo(6);
    assertThat(read.quantile(0.5)).isEqualTo(4000.0);
  }

  @Test
  void rejectsValuesThatAreNotFinite() {
    assertThatThrownBy(() -> new PriceStats(COMPRESSION).add(Double.NaN, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The documented tolerance of the digest: whatever the group size (1 to 8000), distribution (continuous, skewed,
   * heavily tied) and arrival order (random, ascending, descending), with the stats written to and read from the store
   * after every observation as the topology does, p10, median and p90 lie between the exact quantiles at q − ε and
   * q + ε, ε = 0.02 + 1/n.
   */
  @Test
  void quantilesStayWithinTheDocumentedRankTolerance() {
    Random random = new Random(42);
    List<DoubleSupplier> distributions =
        List.of(
            () -> 500 + random.nextDouble() * 14500,
            () -> Math.exp(8 + 0.5 * random.nextGaussian()),
            () -> 3000 + 200 * random.nextInt(10),
            () -> 1000 * (1 + random.nextInt(3)),
            () -> 5000 + 1000 * random.nextGaussian());
    int[] sizes = {1, 2, 3, 5, 8, 13, 40, 60, 80, 120, 200, 400, 900, 1500, 3000, 8000};
    for (int trial = 0; trial < 2 * sizes.length; trial++) {
      int n = sizes[trial % sizes.length];
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
      PriceStats stats = new PriceStats(COMPRESSION);
      for (double value : values) {
        stats = roundTrip(stats);
        stats.add(value, 0);
      }
      IndependentStats expected = IndependentStats.of(values);
      for (double q : new double[] {0.1, 0.5, 0.9}) {
        PricePerSqmMatchesIndependentComputationTest.assertWithinRankTolerance(stats.quantile(q), expected, q);
      }
    }
  }

  /** The t-digest the statistics are built on gives the same answers as the library used directly. */
  @Test
  void answersWhatTheLibraryAnswersClampedToTheObservedRange() {
    MergingDigest direct = new MergingDigest(COMPRESSION);
    PriceStats stats = new PriceStats(COMPRESSION);
    Random random = new Random(9);
    for (int i = 0; i < 5000; i++) {
      double value = 500 + random.nextInt(1_450_000) / 100.0;
      direct.add(value);
      stats.add(value, i);
    }
    for (double q : new double[] {0.1, 0.5, 0.9}) {
      assertThat(stats.quantile(q)).isEqualTo(Math.max(stats.min(), Math.min(stats.max(), direct.quantile(q))));
    }
  }

  static final int EXACT_UP_TO = 50;

  private static void assertSame(PriceStats copy, PriceStats original) {
    assertThat(copy.count()).isEqualTo(original.count());
    assertThat(copy.mean()).isEqualTo(original.mean());
    assertThat(copy.min()).isEqualTo(original.min());
    assertThat(copy.max()).isEqualTo(original.max());
    assertThat(copy.latestTimestamp()).isEqualTo(original.latestTimestamp());
    assertThat(copy.quantiles(0.1, 0.5, 0.9)).containsExactly(original.quantiles(0.1, 0.5, 0.9));
  }

  private static PriceStats roundTrip(PriceStats stats) {
    return PriceStatsSerde.read(ByteBuffer.wrap(PriceStatsSerde.write(stats)), COMPRESSION);
  }
}
