package dev.listings.usecases.pricepersqm;

import static dev.listings.usecases.Listings.listing;
import static dev.listings.usecases.Listings.withPricePerSqm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.schemas.avro.PricePerSqmStats;
import dev.listings.usecases.UseCaseDriver;
import dev.listings.usecases.topology.UseCaseMetrics;
import dev.listings.usecases.topology.UseCaseOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricePerSqmUseCaseTest {
  private static final String NAME = PricePerSqmUseCase.NAME;

  private static UseCaseDriver driver(Duration grace) {
    return new UseCaseDriver(List.of(NAME), UseCaseOptions.defaults().withPricePerSqmGrace(grace));
  }

  @Test
  void groupsByMunicipalityPropertyTypeAndMonth() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(
          withPricePerSqm("a", "Bern", "apartment", "2023-03-02", 6000),
          withPricePerSqm("b", "Bern", "apartment", "2023-03-28", 7000),
          withPricePerSqm("c", "Bern", "house", "2023-03-05", 5000),
          withPricePerSqm("d", "Bern", "apartment", "2023-04-01", 8000),
          withPricePerSqm("e", "Zürich", "apartment", "2023-03-15", 12000));

      Map<String, PricePerSqmStats> stats = driver.latestStats();

      assertThat(stats)
          .containsOnlyKeys(
              "Bern|apartment|2023-03", "Bern|house|2023-03", "Bern|apartment|2023-04", "Zürich|apartment|2023-03");
      PricePerSqmStats bernMarch = stats.get("Bern|apartment|2023-03");
      assertThat(bernMarch.getCount()).isEqualTo(2);
      assertThat(bernMarch.getMunicipality()).isEqualTo("Bern");
      assertThat(bernMarch.getPropertyType()).isEqualTo("apartment");
      assertThat(bernMarch.getMonth()).isEqualTo("2023-03");
      assertThat(bernMarch.getMean()).isEqualTo(6500.0);
      assertThat(stats.get("Zürich|apartment|2023-03").getCount()).isEqualTo(1);
    }
  }

  @Test
  void splitsMonthsAtCalendarBoundaries() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(
          withPricePerSqm("a", "Bern", "house", "2023-01-31", 5000),
          withPricePerSqm("b", "Bern", "house", "2023-02-01", 5000),
          withPricePerSqm("c", "Bern", "house", "2024-02-29", 5000),
          withPricePerSqm("d", "Bern", "house", "2024-03-01", 5000),
          withPricePerSqm("e", "Bern", "house", "2023-12-31", 5000),
          withPricePerSqm("f", "Bern", "house", "2024-01-01", 5000));

      assertThat(driver.latestStats())
          .containsOnlyKeys(
              "Bern|house|2023-01",
              "Bern|house|2023-02",
              "Bern|house|2024-02",
              "Bern|house|2024-03",
              "Bern|house|2023-12",
              "Bern|house|2024-01")
          .allSatisfy((key, stats) -> assertThat(stats.getCount()).isEqualTo(1));
    }
  }

  @Test
  void medianOfAnEvenSmallGroupIsTheUpperOfItsMiddleValues() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(
          withPricePerSqm("a", "Thun", "apartment", "2023-05-01", 4000),
          withPricePerSqm("b", "Thun", "apartment", "2023-05-02", 1000),
          withPricePerSqm("c", "Thun", "apartment", "2023-05-03", 3000),
          withPricePerSqm("d", "Thun", "apartment", "2023-05-04", 2000));

      PricePerSqmStats stats = driver.latestStats().get("Thun|apartment|2023-05");

      // t-digest keeps each observation of a small group: quantile q is the value of rank floor(q n) + 1
      assertThat(stats.getCount()).isEqualTo(4);
      assertThat(stats.getMedian()).isEqualTo(3000.0);
      assertThat(stats.getP10()).isEqualTo(1000.0);
      assertThat(stats.getP90()).isEqualTo(4000.0);
      assertThat(stats.getMean()).isEqualTo(2500.0);
      assertThat(stats.getMin()).isEqualTo(1000.0);
      assertThat(stats.getMax()).isEqualTo(4000.0);
      assertThat(stats.getUpdatedAt()).isEqualTo(driver.lastTimestamp());
    }
  }

  @Test
  void emitsOneUpdateOfItsGroupPerCuratedRecord() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(
          withPricePerSqm("a", "Thun", "apartment", "2023-05-01", 4000),
          withPricePerSqm("b", "Thun", "apartment", "2023-05-02", 5000));

      List<PricePerSqmStats> updates = driver.statsUpdates();

      assertThat(updates).extracting(PricePerSqmStats::getCount).containsExactly(1L, 2L);
      assertThat(updates.get(0).getMedian()).isEqualTo(4000.0);
      assertThat(updates.get(1).getMedian()).isEqualTo(5000.0);
      assertThat(driver.metrics().updates(NAME)).isEqualTo(2);
    }
  }

  @Test
  void groupsListingsWithoutMunicipalityUnderThePlaceholder() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(
          withPricePerSqm("a", null, "house", "2023-05-01", 4000),
          withPricePerSqm("b", "  ", "house", "2023-05-09", 6000));

      PricePerSqmStats stats = driver.latestStats().get("(unknown)|house|2023-05");

      assertThat(stats.getMunicipality()).isEqualTo("(unknown)");
      assertThat(stats.getCount()).isEqualTo(2);
    }
  }

  @Test
  void countsEveryVersionOfAListingAsOneObservation() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(
          withPricePerSqm("same-id", "Biel", "apartment", "2023-05-01", 4000),
          withPricePerSqm("same-id", "Biel", "apartment", "2023-05-20", 3800));

      PricePerSqmStats stats = driver.latestStats().get("Biel|apartment|2023-05");

      assertThat(stats.getCount()).isEqualTo(2);
      assertThat(stats.getMean()).isEqualTo(3900.0);
    }
  }

  @Test
  void keepsMunicipalitiesThatContainTheKeySeparator() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(withPricePerSqm("a", "Biel|Bienne", "apartment", "2023-05-01", 4000));

      PricePerSqmStats stats = driver.latestStats().get("Biel|Bienne|apartment|2023-05");

      assertThat(stats.getMunicipality()).isEqualTo("Biel|Bienne");
      assertThat(stats.getPropertyType()).isEqualTo("apartment");
    }
  }

  @Test
  void lateRecordWithinTheGraceStillUpdatesItsMonth() {
    try (UseCaseDriver driver = driver(Duration.ofDays(3))) {
      driver.send(
          withPricePerSqm("a", "Sion", "house", "2023-03-10", 4000),
          withPricePerSqm("b", "Sion", "house", "2023-04-03", 5000),
          withPricePerSqm("c", "Sion", "house", "2023-03-20", 6000));

      assertThat(driver.latestStats().get("Sion|house|2023-03").getCount()).isEqualTo(2);
      assertThat(driver.metrics().skips(NAME, UseCaseMetrics.LATE)).isZero();
    }
  }

  @Test
  void recordLaterThanTheGraceIsCountedAsLateAndLeftOut() {
    try (UseCaseDriver driver = driver(Duration.ofDays(3))) {
      driver.send(
          withPricePerSqm("a", "Sion", "house", "2023-03-10", 4000),
          withPricePerSqm("b", "Sion", "house", "2023-04-04", 5000),
          withPricePerSqm("c", "Sion", "house", "2023-03-20", 6000));

      List<PricePerSqmStats> updates = driver.statsUpdates();

      assertThat(updates).hasSize(2);
      assertThat(updates).filteredOn(s -> s.getMonth().equals("2023-03")).singleElement()
          .satisfies(s -> assertThat(s.getCount()).isEqualTo(1));
      assertThat(driver.metrics().skips(NAME, UseCaseMetrics.LATE)).isEqualTo(1);
    }
  }

  @Test
  void zeroGraceClosesAMonthOnTheFirstDayOfTheNext() {
    try (UseCaseDriver driver = driver(Duration.ZERO)) {
      driver.send(
          withPricePerSqm("a", "Sion", "house", "2023-03-31", 4000),
          withPricePerSqm("b", "Sion", "house", "2023-04-01", 5000),
          withPricePerSqm("c", "Sion", "house", "2023-03-31", 6000),
          withPricePerSqm("d", "Sion", "house", "2023-04-30", 6000));

      Map<String, PricePerSqmStats> stats = driver.latestStats();
      assertThat(stats.get("Sion|house|2023-03").getCount()).isEqualTo(1);
      assertThat(stats.get("Sion|house|2023-04").getCount()).isEqualTo(2);
      assertThat(driver.metrics().skips(NAME, UseCaseMetrics.LATE)).isEqualTo(1);
    }
  }

  @Test
  void keepsTheLatestStatisticsInTheQueryableStoreUnderTheTypeFirstKey() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(
          withPricePerSqm("a", "Bern", "apartment", "2023-03-02", 6000),
          withPricePerSqm("b", "Bern", "apartment", "2023-03-28", 7000));

      PricePerSqmStats stored =
          driver.<PricePerSqmStats>store(PricePerSqmUseCase.STATS_STORE).get("apartment|2023-03|Bern");

      assertThat(stored).isEqualTo(driver.latestStats().get("Bern|apartment|2023-03"));
    }
  }

  @Test
  void takesUpdatedAtFromTheNewestCuratedRecordOfTheGroup() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(listing("a", "Bern", "house", "2023-03-02", 1_000_000, 150));
      Instant first = driver.lastTimestamp();
      driver.send(listing("b", "Bern", "house", "2023-03-03", 900_000, 150));

      PricePerSqmStats stats = driver.latestStats().get("Bern|house|2023-03");

      assertThat(stats.getUpdatedAt()).isAfter(first).isEqualTo(driver.lastTimestamp());
    }
  }
}
