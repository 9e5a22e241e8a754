package dev.listings.local.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.local.run.UseCaseOutput;
import dev.listings.schemas.avro.MarketActivity;
import dev.listings.schemas.avro.PriceChange;
import dev.listings.schemas.avro.PricePerSqmStats;
import dev.listings.sink.TableMapping;
import dev.listings.usecases.topology.ResultsTopic;
import dev.listings.usecases.topology.UseCaseCatalog;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stack's CSV outputs and tables follow the use cases on the class path, each one's own description. */
class UseCasesTest {

  @Test
  void runsEveryUseCaseInTheCatalog() {
    assertThat(UseCases.results()).extracting(ResultsTopic::useCase)
        .containsExactlyInAnyOrderElementsOf(UseCaseCatalog.discover().names());
    assertThat(UseCases.topics()).containsExactlyElementsOf(
        UseCases.results().stream().map(ResultsTopic::topic).toList());
  }

  @Test
  void writesOneCsvPerUseCaseAsItDescribesItsResults() {
    Map<String, UseCaseOutput> outputs = UseCases.outputs();

    assertThat(outputs).hasSameSizeAs(UseCases.results());
    for (ResultsTopic published : UseCases.results()) {
      assertThat(outputs.get(published.results().csvName())).as(published.useCase()).isEqualTo(new UseCaseOutput(
          published.topic(), published.results().isTable(), published.results().csvColumns()));
    }
  }

  @Test
  void sinkWritesTheCuratedTableAndOneTablePerUseCase() {
    List<TableMapping> tables = UseCases.tables();

    assertThat(tables).first().isEqualTo(TableMapping.curatedListings());
    assertThat(tables.subList(1, tables.size())).containsExactlyElementsOf(
        UseCases.results().stream().map(UseCases::table).toList());
  }

  /** The built-in use cases' files and tables are what `./pipeline run` and the sink have always written. */
  @Test
  void theBuiltInUseCasesKeepTheirFilesAndTables() {
    assertThat(UseCases.outputs()).containsEntry("price_per_sqm", new UseCaseOutput("usecase.price-per-sqm.v1", true,
            List.of("municipality", "property_type", "month", "count", "mean", "median", "p10", "p90", "min", "max",
                "updated_at")))
        .containsEntry("price_changes", new UseCaseOutput("usecase.price-changes.v1", false,
            List.of("id", "municipality", "property_type", "old_price", "new_price", "old_currency", "new_currency",
                "absolute_change", "relative_change", "old_scraping_date", "new_scraping_date", "source",
                "detected_at")))
        .containsEntry("market_activity", new UseCaseOutput("usecase.market-activity.v1", true,
            List.of("municipality", "date", "new_listings", "updated_at")));
    assertThat(UseCases.tables()).contains(
        new TableMapping("usecase.price-per-sqm.v1", "usecases.price_per_sqm", PricePerSqmStats.class,
            List.of("property_type"), true),
        new TableMapping("usecase.price-changes.v1", "usecases.price_changes", PriceChange.class,
            List.of("month(new_scraping_date)"), false),
        new TableMapping("usecase.market-activity.v1", "usecases.market_activity", MarketActivity.class,
            List.of("month(date)"), true));
  }
}
