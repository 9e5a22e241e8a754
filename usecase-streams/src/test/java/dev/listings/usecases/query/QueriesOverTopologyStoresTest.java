package dev.listings.usecases.query;

import static dev.listings.usecases.Listings.listing;
import static dev.listings.usecases.Listings.withPricePerSqm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.usecases.UseCaseDriver;
import dev.listings.usecases.activity.MarketActivityUseCase;
import dev.listings.usecases.pricechanges.PriceChangesUseCase;
import dev.listings.usecases.pricepersqm.PricePerSqmUseCase;
import dev.listings.usecases.topology.UseCaseOptions;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The query classes against the stores the topology fills. */
class QueriesOverTopologyStoresTest {
  private static final YearMonth MARCH = YearMonth.of(2023, 3);
  private UseCaseDriver driver;

  @BeforeEach
  void start() {
    driver =
        new UseCaseDriver(
            List.of(PricePerSqmUseCase.NAME, PriceChangesUseCase.NAME, MarketActivityUseCase.NAME),
            UseCaseOptions.defaults());
    driver.send(
        withPricePerSqm("a", "Bern", "apartment", "2023-03-02", 6000),
        withPricePerSqm("b", "Bern", "apartment", "2023-03-10", 7000),
        withPricePerSqm("c", "Zürich", "apartment", "2023-03-04", 12000),
        withPricePerSqm("d", "Sion", "apartment", "2023-03-04", 4500),
        withPricePerSqm("e", "Chur", "apartment", "2023-03-09", 5000),
        withPricePerSqm("f", "Zürich", "house", "2023-03-04", 15000),
        withPricePerSqm("g", "Genève", "apartment", "2023-04-01", 14000),
        listing("h", "Thun", "house", "2023-03-01", 800_000, 160),
        listing("h", "Thun", "house", "2023-03-15", 760_000, 160));
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void answersTheStatisticsOfOneGroup() {
    QueryResult<PricePerSqmView> result = new PricePerSqmQueries(driver.storeAccess()).stats("Bern", "apartment", MARCH);

    assertThat(result).isInstanceOfSatisfying(QueryResult.Found.class, found -> {
      PricePerSqmView view = (PricePerSqmView) found.value();
      assertThat(view.municipality()).isEqualTo("Bern");
      assertThat(view.count()).isEqualTo(2);
      assertThat(view.median()).isEqualTo(7000.0); // upper middle value of 6000 and 7000
      assertThat(view.month()).isEqualTo("2023-03");
    });
  }

  @Test
  void answersNotFoundForAGroupWithoutObservations() {
    assertThat(new PricePerSqmQueries(driver.storeAccess()).stats("Bern", "house", MARCH))
        .isInstanceOf(QueryResult.NotFound.class);
  }

  @Test
  void ranksMunicipalitiesByMedianForOneTypeAndMonth() {
    QueryResult<List<PricePerSqmView>> result =
        new PricePerSqmQueries(driver.storeAccess()).localTop("apartment", MARCH, 3, 1);

    assertThat(result).isInstanceOf(QueryResult.Found.class);
    List<PricePerSqmView> top = ((QueryResult.Found<List<PricePerSqmView>>) result).value();
    assertThat(top).extracting(PricePerSqmView::municipality).containsExactly("Zürich", "Bern", "Chur");
  }

  @Test
  void leavesOutGroupsBelowTheMinimumCount() {
    List<PricePerSqmView> top =
        ((QueryResult.Found<List<PricePerSqmView>>)
                new PricePerSqmQueries(driver.storeAccess()).localTop("apartment", MARCH, 10, 2))
            .value();

    assertThat(top).extracting(PricePerSqmView::municipality).containsExactly("Bern");
  }

  @Test
  void mergesTheAnswersOfAllInstances() {
    TopMunicipalities top =
        new TopMunicipalities(
            new TwoInstances(driver.storeAccess()),
            (host, type, month, n, minCount) ->
                List.of(new PricePerSqmView("Zug", type, month.toString(), 3, 13000, 13000, 12000, 14000, 11000,
                    15000, "2023-03-31T00:00:00Z")));

    QueryResult<List<PricePerSqmView>> result = top.top("apartment", MARCH, 2, 1);

    assertThat(((QueryResult.Found<List<PricePerSqmView>>) result).value())
        .extracting(PricePerSqmView::municipality)
        .containsExactly("Zug", "Zürich");
  }

  @Test
  void isUnavailableWhenAnotherInstanceDoesNotAnswer() {
    TopMunicipalities top =
        new TopMunicipalities(
            new TwoInstances(driver.storeAccess()),
            (host, type, month, n, minCount) -> {
              throw new java.io.IOException("connection refused");
            });

    assertThat(top.top("apartment", MARCH, 2, 1)).isInstanceOf(QueryResult.Unavailable.class);
  }

  @Test
  void answersTheRecentPriceChangesOfAListing() {
    PriceChangeQueries queries = new PriceChangeQueries(driver.storeAccess());

    QueryResult<List<PriceChangeView>> changed = queries.recentChanges("h");
    QueryResult<List<PriceChangeView>> unchanged = queries.recentChanges("a");

    assertThat(((QueryResult.Found<List<PriceChangeView>>) changed).value())
        .singleElement()
        .satisfies(c -> {
          assertThat(c.oldPrice()).isEqualTo(800_000.0);
          assertThat(c.newPrice()).isEqualTo(760_000.0);
          assertThat(c.newScrapingDate()).isEqualTo("2023-03-15");
        });
    assertThat(((QueryResult.Found<List<PriceChangeView>>) unchanged).value()).isEmpty();
    assertThat(queries.recentChanges("never-seen")).isInstanceOf(QueryResult.NotFound.class);
  }

  @Test
  void answersNewListingsOfADay() {
    MarketActivityQueries queries = new MarketActivityQueries(driver.storeAccess());

    QueryResult<MarketActivityView> result = queries.newListings("Thun", LocalDate.parse("2023-03-01"));

    assertThat(result).isEqualTo(new QueryResult.Found<>(new MarketActivityView("Thun", "2023-03-01", 1)));
    assertThat(queries.newListings("Thun", LocalDate.parse("2023-03-15"))).isInstanceOf(QueryResult.NotFound.class);
  }

  /** This driver's stores plus a second instance that holds other partitions. */
  private record TwoInstances(StoreAccess local) implements StoreAccess {
    static final org.apache.kafka.streams.state.HostInfo OTHER =
        new org.apache.kafka.streams.state.HostInfo("other", 8080);

    @Override
    public org.apache.kafka.streams.state.HostInfo self() {
      return local.self();
    }

    @Override
    public KeyLocation locate(String store, String partitionKey) {
      return local.locate(store, partitionKey);
    }

    @Override
    public <V> org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, V> local(String store, Integer partition) {
      return local.local(store, partition);
    }

    @Override
    public java.util.Set<org.apache.kafka.streams.state.HostInfo> hostsOf(String store) {
      return java.util.Set.of(local.self(), OTHER);
    }

    @Override
    public List<InstanceView> instances() {
      return local.instances();
    }
  }
}
