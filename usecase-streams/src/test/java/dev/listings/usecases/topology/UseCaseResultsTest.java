package dev.listings.usecases.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.MarketActivity;
import dev.listings.schemas.avro.PriceChange;
import dev.listings.schemas.avro.PricePerSqmStats;
import dev.listings.usecases.Listings;
import dev.listings.usecases.UseCaseDriver;
import dev.listings.usecases.activity.MarketActivityUseCase;
import dev.listings.usecases.pricechanges.PriceChangesUseCase;
import dev.listings.usecases.pricepersqm.PricePerSqmUseCase;
import dev.listings.usecases.topology.UseCaseResults.Shape;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Every use case on the class path describes its results consistently with its Avro schema, so that the table sink and
 * the command line can follow the description alone.
 */
class UseCaseResultsTest {
  private static final Map<String, Object> SERDE = Map.of("schema.registry.url", "mock://results-test");

  private static List<UseCase> discovered() {
    UseCaseCatalog catalog = UseCaseCatalog.discover();
    return catalog.select(catalog.names());
  }

  @Test
  void everyDiscoveredUseCaseDescribesResultsConsistentWithItsSchema() {
    List<UseCase> useCases = discovered();
    Set<String> tables = new HashSet<>();
    Set<String> csvNames = new HashSet<>();

    assertThat(useCases).isNotEmpty();
    for (UseCase useCase : useCases) {
      UseCaseResults results = useCase.results();
      Schema schema = results.schema();
      List<String> fields = schema.getFields().stream().map(Schema.Field::name).toList();

      assertThat(schema.getType()).as(useCase.name()).isEqualTo(Schema.Type.RECORD);
      assertThat(schema.getFullName()).as(useCase.name()).isEqualTo(results.valueType().getName());
      assertThat(fields).as(useCase.name() + " partition columns").containsAll(results.partitionColumns());
      assertThat(results.csvColumns()).as(useCase.name() + " CSV columns").isEqualTo(fields);
      assertThat(results.table()).as(useCase.name()).startsWith(UseCaseResults.TABLE_NAMESPACE + ".");
      assertThat(tables.add(results.table())).as(useCase.name() + " table is its own").isTrue();
      assertThat(csvNames.add(results.csvName())).as(useCase.name() + " CSV is its own").isTrue();
    }
  }

  @Test
  void eachUseCaseWritesTheValuesItsDescriptionNames() {
    List<String> all = List.copyOf(UseCaseCatalog.discover().names());
    try (UseCaseDriver driver = new UseCaseDriver(all, UseCaseOptions.defaults())) {
      driver.send(
          Listings.listing("L1", "Bern", "apartment", "2024-03-01", 500_000, 100),
          Listings.listing("L1", "Bern", "apartment", "2024-03-08", 480_000, 100));

      for (ResultsTopic published : driver.topology().results()) {
        List<SpecificRecord> values = driver.<SpecificRecord>output(published.topic()).readValuesToList();
        assertThat(values).as(published.useCase()).isNotEmpty()
            .allSatisfy(v -> assertThat(v).isInstanceOf(published.results().valueType()));
      }
    }
  }

  @Test
  void theBuiltInUseCasesKeepTheirTablesAndFiles() {
    assertThat(new PricePerSqmUseCase().results()).isEqualTo(new UseCaseResults(PricePerSqmStats.class, Shape.TABLE,
        List.of("property_type"), "usecases.price_per_sqm", "price_per_sqm"));
    assertThat(new PriceChangesUseCase().results()).isEqualTo(new UseCaseResults(PriceChange.class, Shape.EVENTS,
        List.of("month(new_scraping_date)"), "usecases.price_changes", "price_changes"));
    assertThat(new MarketActivityUseCase().results()).isEqualTo(new UseCaseResults(MarketActivity.class,
        Shape.TABLE, List.of("month(date)"), "usecases.market_activity", "market_activity"));
  }

  @Test
  void theTopologyListsTheEnabledUseCasesWithTheirConfiguredTopics() {
    UseCaseTopics topics = new UseCaseTopics("curated.test", Map.of(PriceChangesUseCase.NAME, "changes.custom"));
    UseCaseTopology topology = new UseCaseTopology(topics,
        List.of(MarketActivityUseCase.NAME, PriceChangesUseCase.NAME), SERDE, UseCaseOptions.defaults());

    assertThat(topology.results()).containsExactly(
        new ResultsTopic(PriceChangesUseCase.NAME, "changes.custom", new PriceChangesUseCase().results()),
        new ResultsTopic(MarketActivityUseCase.NAME, UseCaseTopology.MARKET_ACTIVITY_TOPIC,
            new MarketActivityUseCase().results()));
  }

  @Test
  void namesFollowTheUseCaseUnlessSet() {
    UseCaseResults results = UseCaseResults.events("rent-yield", PriceChange.class);

    assertThat(results.table()).isEqualTo("usecases.rent_yield");
    assertThat(results.csvName()).isEqualTo("rent_yield");
    assertThat(results.isTable()).isFalse();
    assertThat(results.withTable("analytics.yield").withCsvName("yield").table()).isEqualTo("analytics.yield");
  }

  @Test
  void partitionTermsMustNameColumnsOfTheSchema() {
    assertThat(UseCaseResults.table("x", PriceChange.class, "month(new_scraping_date)", "bucket(16, id)",
        "truncate(2, municipality)", "property_type").partitionColumns())
        .containsExactly("new_scraping_date", "id", "municipality", "property_type");
    assertThatThrownBy(() -> UseCaseResults.table("x", MarketActivity.class, "month(scraping_date)"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scraping_date");
    assertThatThrownBy(() -> UseCaseResults.table("x", MarketActivity.class, "month(date"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("month(date");
  }

  @Test
  void nestedRecordsAreFlattenedAsTheTableAndTheCsvFlattenThem() {
    UseCaseResults results = UseCaseResults.events("curated-copy", CuratedListing.class, "source_line");

    assertThat(results.csvColumns()).contains("price", "source.bucket", "source.line").doesNotContain("source");
    assertThat(results.partitionColumns()).containsExactly("source_line");
  }

  @Test
  void refusesNamesTheTableOrTheFileCannotTake() {
    assertThatThrownBy(() -> UseCaseResults.table("x", MarketActivity.class).withTable("no_namespace"))
        .hasMessageContaining("namespace.name");
    assertThatThrownBy(() -> UseCaseResults.table("x", MarketActivity.class).withCsvName("../up"))
        .hasMessageContaining("file name");
  }
}
