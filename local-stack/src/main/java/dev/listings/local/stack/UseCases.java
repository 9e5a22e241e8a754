package dev.listings.local.stack;

import dev.listings.local.run.UseCaseOutput;
import dev.listings.sink.TableMapping;
import dev.listings.usecases.topology.ResultsTopic;
import dev.listings.usecases.topology.UseCaseResults;
import dev.listings.usecases.topology.UseCaseTopology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The use cases the local stack runs, and what follows from each one's description of its results: how its output
 * topic is read back into a CSV file, and the table the stack's sink writes it to. Nothing here names a use case.
 */
public final class UseCases {
  public static final String APPLICATION_ID = UseCaseTopology.DEFAULT_APPLICATION_ID;

  private UseCases() {}

  /** Output topics of every use case the stack runs. */
  public static List<String> topics() {
    return topology().outputTopics();
  }

  /** Every use case the stack runs, with its output topic and the description of its results. */
  public static List<ResultsTopic> results() {
    return topology().results();
  }

  /**
   * CSV name → output, in catalog order: tables (the latest value per key is the result) and events (every one is a
   * result), with the schema's fields as the header when there are no results.
   */
  public static Map<String, UseCaseOutput> outputs() {
    Map<String, UseCaseOutput> outputs = new LinkedHashMap<>();
    for (ResultsTopic published : results()) {
      UseCaseResults results = published.results();
      outputs.put(
          results.csvName(), new UseCaseOutput(published.topic(), results.isTable(), results.csvColumns()));
    }
    return outputs;
  }

  /** The tables the stack's sink writes: the curated listings and each use case's results. */
  public static List<TableMapping> tables() {
    List<TableMapping> tables = new ArrayList<>();
    tables.add(TableMapping.curatedListings());
    for (ResultsTopic published : results()) {
      tables.add(table(published));
    }
    return tables;
  }

  /** The table of one use case's results: rows are versions of their key when the results are a table. */
  static TableMapping table(ResultsTopic published) {
    UseCaseResults results = published.results();
    return new TableMapping(
        published.topic(), results.table(), results.valueType(), results.partitionBy(), results.isTable());
  }

  /** The stack's use-case topology; its serdes are never created here, so the registry is a placeholder. */
  private static UseCaseTopology topology() {
    return StreamsApps.useCaseTopology(Map.of("schema.registry.url", "mock://topics"));
  }
}
