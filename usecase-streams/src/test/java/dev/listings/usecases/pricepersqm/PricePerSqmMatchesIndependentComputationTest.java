package dev.listings.usecases.pricepersqm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.PricePerSqmStats;
import dev.listings.usecases.IndependentStats;
import dev.listings.usecases.Listings;
import dev.listings.usecases.UseCaseDriver;
import dev.listings.usecases.topology.UseCaseMetrics;
import dev.listings.usecases.topology.UseCaseOptions;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The published statistics against a plain computation over the same curated records: count, min and max equal, mean
 * equal up to floating-point summation order, quantiles equal to the order statistic of rank ⌊q·n⌋ + 1 for groups of up
 * to {@value PriceStatsTest#EXACT_UP_TO} observations, and within the documented rank tolerance ({@value
 * #RANK_TOLERANCE} + 1/n) for every group.
 */
class PricePerSqmMatchesIndependentComputationTest {
  static final double RANK_TOLERANCE = 0.02;
  private static final int SMALL = PriceStatsTest.EXACT_UP_TO;
  private static final List<String> MUNICIPALITIES = List.of("Bern", "Zürich", "Sion", "Thun", "Biel", "Chur");

  @Test
  void statisticsMatchAPlainComputationWithinTheDocumentedTolerance() {
    List<CuratedListing> listings = generate(new Random(7), 2500);
    Map<String, List<Double>> expected = new HashMap<>();
    for (CuratedListing listing : listings) {
      expected
          .computeIfAbsent(StatsKey.of(listing).topicKey(), k -> new ArrayList<>())
          .add(listing.getPricePerSquareMeter());
    }
    UseCaseOptions options = UseCaseOptions.defaults();

    try (UseCaseDriver driver = new UseCaseDriver(List.of(PricePerSqmUseCase.NAME), options)) {
      driver.send(listings);
      Map<String, PricePerSqmStats> actual = driver.latestStats();

      assertThat(actual.keySet()).isEqualTo(expected.keySet());
      assertThat(expected.values()).anySatisfy(v -> assertThat(v.size()).isGreaterThan(4 * SMALL));
      assertThat(expected.values()).anySatisfy(v -> assertThat(v.size()).isLessThanOrEqualTo(SMALL));
      expected.forEach((key, values) -> assertMatches(actual.get(key), IndependentStats.of(values)));
    }
  }

  @Test
  void replayingTheSameCuratedRecordsGivesTheSameFinalNumbers() {
    List<CuratedListing> listings = generate(new Random(11), 800);
    UseCaseOptions options =
        UseCaseOptions.defaults().withPricePerSqmGrace(Duration.ofDays(20));
    Map<String, PricePerSqmStats> first;
    long firstLate;
    try (UseCaseDriver driver = new UseCaseDriver(List.of(PricePerSqmUseCase.NAME), options)) {
      first = driver.send(listings).latestStats();
      firstLate = driver.metrics().skips(PricePerSqmUseCase.NAME, UseCaseMetrics.LATE);
    }
    try (UseCaseDriver replay = new UseCaseDriver(List.of(PricePerSqmUseCase.NAME), options)) {
      Map<String, PricePerSqmStats> second = replay.send(listings).latestStats();

      assertThat(firstLate).isPositive();
      assertThat(replay.metrics().skips(PricePerSqmUseCase.NAME, UseCaseMetrics.LATE)).isEqualTo(firstLate);
      assertThat(second.keySet()).isEqualTo(first.keySet());
      second.forEach(
          (key, stats) ->
              assertThat(withoutUpdatedAt(stats)).isEqualTo(withoutUpdatedAt(first.get(key))));
    }
  }

  private static PricePerSqmStats withoutUpdatedAt(PricePerSqmStats stats) {
    return PricePerSqmStats.newBuilder(stats).setUpdatedAt(java.time.Instant.EPOCH).build();
  }

  private static void assertMatches(PricePerSqmStats actual, IndependentStats expected) {
    assertThat(actual.getCount()).isEqualTo(expected.count());
    assertThat(actual.getMin()).isEqualTo(expected.min());
    assertThat(actual.getMax()).isEqualTo(expected.max());
    assertThat(actual.getMean()).isCloseTo(expected.mean(), within(1e-6));
    if (expected.count() <= SMALL) {
      assertThat(actual.getMedian()).isEqualTo(expected.orderStatistic(0.5));
      assertThat(actual.getP10()).isEqualTo(expected.orderStatistic(0.1));
      assertThat(actual.getP90()).isEqualTo(expected.orderStatistic(0.9));
    }
    assertWithinRankTolerance(actual.getMedian(), expected, 0.5);
    assertWithinRankTolerance(actual.getP10(), expected, 0.1);
    assertWithinRankTolerance(actual.getP90(), expected, 0.9);
  }

  /** Between the exact (type 7) quantiles at q − ε and q + ε, ε = {@value #RANK_TOLERANCE} + 1/n. */
  static void assertWithinRankTolerance(double estimate, IndependentStats expected, double q) {
    double epsilon = RANK_TOLERANCE + 1.0 / expected.count();
    assertThat(estimate)
        .as("quantile %s of %s values", q, expected.count())
        .isBetween(expected.quantile(q - epsilon), expected.quantile(q + epsilon));
  }

  /** Listings over a few municipalities, both types and three months, group sizes from 1 to several hundred. */
  static List<CuratedListing> generate(Random random, int n) {
    List<CuratedListing> listings = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      // skewed municipality choice: a few large groups and some small ones
      String municipality = MUNICIPALITIES.get(Math.min(5, (int) Math.floor(-Math.log(random.nextDouble()) * 1.5)));
      String type = random.nextInt(4) == 0 ? "house" : "apartment";
      YearMonth month = YearMonth.of(2023, 1 + random.nextInt(3));
      LocalDate date = month.atDay(1 + random.nextInt(month.lengthOfMonth()));
      double area = 30 + random.nextInt(170);
      double price = Math.round(area * (3000 + 2000 * random.nextGaussian() * 0.5 + random.nextInt(4000)));
      listings.add(Listings.listing("id-" + i, municipality, type, date, Math.max(price, area * 600), area, "CHF", i));
    }
    return listings;
  }
}
