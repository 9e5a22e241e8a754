package dev.listings.usecases.pricechanges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.PriceChange;
import dev.listings.usecases.Listings;
import dev.listings.usecases.UseCaseDriver;
import dev.listings.usecases.topology.UseCaseMetrics;
import dev.listings.usecases.topology.UseCaseOptions;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class PriceChangesUseCaseTest {
  private static final String NAME = PriceChangesUseCase.NAME;

  private static CuratedListing version(String id, String date, double price, String currency, long line) {
    return Listings.listing(id, "Lausanne", "apartment", LocalDate.parse(date), price, 80, currency, line);
  }

  @Test
  void emitsAnEventWhenANewVersionChangesThePrice() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(version("L1", "2023-03-01", 500_000, "CHF", 4), version("L1", "2023-03-20", 475_000, "CHF", 9));

      List<TestRecord<String, PriceChange>> events = driver.priceChanges();

      assertThat(events).hasSize(1);
      TestRecord<String, PriceChange> event = events.get(0);
      assertThat(event.key()).isEqualTo("L1");
      PriceChange change = event.value();
      assertThat(change.getId()).isEqualTo("L1");
      assertThat(change.getMunicipality()).isEqualTo("Lausanne");
      assertThat(change.getPropertyType()).isEqualTo("apartment");
      assertThat(change.getOldPrice()).isEqualTo(500_000.0);
      assertThat(change.getNewPrice()).isEqualTo(475_000.0);
      assertThat(change.getOldCurrency()).isEqualTo("CHF");
      assertThat(change.getNewCurrency()).isEqualTo("CHF");
      assertThat(change.getAbsoluteChange()).isEqualTo(-25_000.0);
      assertThat(change.getRelativeChange()).isCloseTo(-0.05, within(1e-12));
      assertThat(change.getOldScrapingDate()).isEqualTo(LocalDate.parse("2023-03-01"));
      assertThat(change.getNewScrapingDate()).isEqualTo(LocalDate.parse("2023-03-20"));
      assertThat(change.getSource()).isEqualTo("s3://landing/scrapes/batch.jsonl#9");
      assertThat(change.getDetectedAt()).isEqualTo(driver.lastTimestamp());
      assertThat(driver.metrics().updates(NAME)).isEqualTo(1);
    }
  }

  @Test
  void emitsNothingForARescrapeAtTheSamePrice() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(
          version("L1", "2023-03-01", 500_000, "CHF", 1),
          version("L1", "2023-04-01", 500_000, "CHF", 2),
          version("L1", "2023-05-01", 500_000, null, 3));

      assertThat(driver.priceChanges()).isEmpty();
    }
  }

  @Test
  void emitsNothingForTheFirstVersionOfAListing() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(version("L1", "2023-03-01", 500_000, "CHF", 1), version("L2", "2023-03-01", 400_000, "CHF", 2));

      assertThat(driver.priceChanges()).isEmpty();
    }
  }

  @Test
  void comparesEachVersionWithTheLatestOneOfTheSameListing() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(
          version("L1", "2023-03-01", 500_000, "CHF", 1),
          version("L2", "2023-03-01", 900_000, "CHF", 2),
          version("L1", "2023-04-01", 480_000, "CHF", 3),
          version("L1", "2023-05-01", 490_000, "CHF", 4));

      List<TestRecord<String, PriceChange>> events = driver.priceChanges();

      assertThat(events).extracting(TestRecord::key).containsExactly("L1", "L1");
      assertThat(events).extracting(e -> e.value().getOldPrice()).containsExactly(500_000.0, 480_000.0);
      assertThat(events).extracting(e -> e.value().getNewPrice()).containsExactly(480_000.0, 490_000.0);
    }
  }

  @Test
  void ignoresAVersionOlderThanTheLatestSeenAndCountsItAsOutOfOrder() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(
          version("L1", "2023-05-01", 500_000, "CHF", 1),
          version("L1", "2023-02-01", 450_000, "CHF", 2),
          version("L1", "2023-06-01", 510_000, "CHF", 3));

      List<TestRecord<String, PriceChange>> events = driver.priceChanges();

      assertThat(events).singleElement().satisfies(e -> assertThat(e.value().getOldPrice()).isEqualTo(500_000.0));
      assertThat(driver.metrics().skips(NAME, UseCaseMetrics.OUT_OF_ORDER)).isEqualTo(1);
    }
  }

  @Test
  void reportsAChangeOfStatedCurrencyWithoutComparingAmounts() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(version("L1", "2023-03-01", 500_000, "CHF", 1), version("L1", "2023-03-02", 500_000, "EUR", 2));

      PriceChange change = driver.priceChanges().get(0).value();

      assertThat(change.getOldCurrency()).isEqualTo("CHF");
      assertThat(change.getNewCurrency()).isEqualTo("EUR");
      assertThat(change.getAbsoluteChange()).isNull();
      assertThat(change.getRelativeChange()).isNull();
    }
  }

  @Test
  void takesAnUnstatedCurrencyToBeTheOneLastStated() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(
          version("L1", "2023-03-01", 500_000, "CHF", 1),
          version("L1", "2023-03-02", 490_000, null, 2),
          version("L1", "2023-03-03", 490_000, "CHF", 3));

      List<TestRecord<String, PriceChange>> events = driver.priceChanges();

      assertThat(events).singleElement().satisfies(e -> {
        assertThat(e.value().getOldCurrency()).isEqualTo("CHF");
        assertThat(e.value().getNewCurrency()).isNull();
        assertThat(e.value().getAbsoluteChange()).isEqualTo(-10_000.0);
      });
    }
  }

  @Test
  void keepsTheMostRecentChangesPerListingNewestFirst() {
    UseCaseOptions options = UseCaseOptions.defaults().withPriceHistorySize(2);
    try (UseCaseDriver driver = new UseCaseDriver(List.of(NAME), options)) {
      driver.send(
          version("L1", "2023-01-01", 100_000, "CHF", 1),
          version("L1", "2023-02-01", 110_000, "CHF", 2),
          version("L1", "2023-03-01", 120_000, "CHF", 3),
          version("L1", "2023-04-01", 130_000, "CHF", 4));

      ListingPriceState state = driver.<ListingPriceState>store(PriceChangesUseCase.STATE_STORE).get("L1");

      assertThat(state.price()).isEqualTo(130_000.0);
      assertThat(state.scrapingDate()).isEqualTo(LocalDate.parse("2023-04-01"));
      assertThat(state.recentChanges()).extracting(PriceChange::getNewPrice).containsExactly(130_000.0, 120_000.0);
    }
  }
}
