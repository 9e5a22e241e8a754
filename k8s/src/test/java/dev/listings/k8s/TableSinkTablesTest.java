package dev.listings.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.sink.TableMapping;
import dev.listings.sink.TableSinkConfig;
import dev.listings.usecases.topology.ResultsTopic;
import dev.listings.usecases.topology.UseCaseCatalog;
import dev.listings.usecases.topology.UseCaseResults;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The table sink writes the curated table and one table per use case the use-case app runs, each as the use case
 * describes its results (topic, Avro class, partitioning, latest value per key or events). The sink itself knows no
 * use case: its tables are configured (table-sink/tables.yaml), and this test keeps that configuration in step with
 * the use cases.
 */
class TableSinkTablesTest {
  static final List<String> OVERLAYS = Overlay.NAMES;

  /** What the sink should write in this overlay. */
  static List<TableMapping> expectedTables(Overlay overlay) {
    List<TableMapping> tables = new ArrayList<>();
    tables.add(TableMapping.curatedListings());
    for (ResultsTopic published : DeployedUseCases.results(overlay)) {
      UseCaseResults results = published.results();
      tables.add(new TableMapping(published.topic(), results.table(), results.valueType(), results.partitionBy(),
          results.isTable()));
    }
    return tables;
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void sinkWritesTheCuratedTableAndOneTablePerUseCase(String name) {
    Overlay overlay = Overlay.render(name);
    List<TableMapping> expected = expectedTables(overlay);
    String lines = TableSinkConfig.tableProperties(expected).entrySet().stream()
        .map(e -> "    " + e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));

    assertThat(TableSinkDeployment.tables(overlay))
        .as("tables of the sink; k8s/base/table-sink/tables.yaml should read:\n" + lines)
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void tablesComeFromTheMountedFileAlone(String name) {
    Overlay overlay = Overlay.render(name);

    assertThat(TableSinkDeployment.fileSettings(overlay)).containsKey("tables");
    assertThat(TableSinkDeployment.envSettings(overlay).keySet())
        .noneMatch(k -> k.equals("tables") || k.startsWith("table."));
  }

  /** A new use case is enabled in usecases.enabled too, or its table would stay empty. */
  @Test
  void productionRunsEveryUseCaseOnTheClassPath() {
    assertThat(DeployedUseCases.results(Overlay.render("prod"))).extracting(ResultsTopic::useCase)
        .containsExactlyInAnyOrderElementsOf(UseCaseCatalog.discover().names());
  }
}
