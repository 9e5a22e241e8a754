package dev.listings.usecases.activity;

import static dev.listings.usecases.Listings.listing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.schemas.avro.MarketActivity;
import dev.listings.usecases.UseCaseDriver;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketActivityUseCaseTest {
  private static final String NAME = MarketActivityUseCase.NAME;

  @Test
  void countsEachListingOnceOnTheDayItIsFirstSeen() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(
          listing("a", "Bern", "house", "2023-03-01", 900_000, 150),
          listing("b", "Bern", "apartment", "2023-03-01", 500_000, 80),
          listing("a", "Bern", "house", "2023-03-05", 880_000, 150),
          listing("c", "Bern", "house", "2023-03-05", 700_000, 120),
          listing("d", "Thun", "house", "2023-03-01", 650_000, 110));

      Map<String, MarketActivity> activity = driver.latestActivity();

      assertThat(activity).containsOnlyKeys("Bern|2023-03-01", "Bern|2023-03-05", "Thun|2023-03-01");
      MarketActivity bernFirst = activity.get("Bern|2023-03-01");
      assertThat(bernFirst.getMunicipality()).isEqualTo("Bern");
      assertThat(bernFirst.getDate()).isEqualTo(LocalDate.parse("2023-03-01"));
      assertThat(bernFirst.getNewListings()).isEqualTo(2);
      assertThat(activity.get("Bern|2023-03-05").getNewListings()).isEqualTo(1);
      assertThat(activity.get("Thun|2023-03-01").getNewListings()).isEqualTo(1);
    }
  }

  @Test
  void emitsNothingForLaterVersionsOfAKnownListing() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(listing("a", "Bern", "house", "2023-03-01", 900_000, 150));
      driver.latestActivity();

      driver.send(listing("a", "Bern", "house", "2023-04-01", 850_000, 150));

      assertThat(driver.latestActivity()).isEmpty();
    }
  }

  @Test
  void movesAListingToAnEarlierDayWhenAnOlderVersionArrivesLater() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(
          listing("a", "Bern", "house", "2023-03-10", 900_000, 150),
          listing("b", "Bern", "house", "2023-03-10", 800_000, 150),
          listing("a", "Ostermundigen", "house", "2023-02-01", 950_000, 150));

      Map<String, MarketActivity> activity = driver.latestActivity();

      assertThat(activity.get("Bern|2023-03-10").getNewListings()).isEqualTo(1);
      assertThat(activity.get("Ostermundigen|2023-02-01").getNewListings()).isEqualTo(1);
      assertThat(driver.<Long>store(MarketActivityUseCase.COUNT_STORE).get("Bern|2023-03-10")).isEqualTo(1L);
    }
  }

  @Test
  void countsListingsWithoutMunicipalityUnderThePlaceholder() {
    try (UseCaseDriver driver = new UseCaseDriver(NAME)) {
      driver.send(listing("a", null, "house", "2023-03-10", 900_000, 150));

      assertThat(driver.latestActivity()).containsOnlyKeys("(unknown)|2023-03-10");
    }
  }
}
