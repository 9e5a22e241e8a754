package dev.listings.local.stack;

import dev.listings.local.run.UseCaseOutput;
import dev.listings.usecases.topology.UseCaseTopology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The use cases the local stack runs, and how their output topics are read back into CSV files. */
public final class UseCases {
  public static final String APPLICATION_ID = UseCaseTopology.DEFAULT_APPLICATION_ID;

  private UseCases() {}

  /** Output topics of every use case the stack runs. */
  public static List<String> topics() {
    return StreamsApps.useCaseTopology(Map.of("schema.registry.url", "mock://topics")).outputTopics();
  }

  /**
   * CSV name → output. Statistics and activity counts are tables (the latest value per key is the result); price
   * changes are events (every one is a result).
   */
  public static Map<String, UseCaseOutput> outputs() {
    Map<String, UseCaseOutput> outputs = new LinkedHashMap<>();
    outputs.put(
        "price_per_sqm",
        new UseCaseOutput(
            UseCaseTopology.PRICE_PER_SQM_TOPIC,
            true,
            List.of("municipality", "property_type", "month", "count", "mean", "median", "p10", "p90", "min", "max",
                "updated_at")));
    outputs.put(
        "price_changes",
        new UseCaseOutput(
            UseCaseTopology.PRICE_CHANGES_TOPIC,
            false,
            List.of("id", "municipality", "property_type", "old_price", "new_price", "old_currency", "new_currency",
                "absolute_change", "relative_change", "old_scraping_date", "new_scraping_date", "detected_at")));
    outputs.put(
        "market_activity",
        new UseCaseOutput(
            UseCaseTopology.MARKET_ACTIVITY_TOPIC,
            true,
            List.of("municipality", "date", "new_listings", "updated_at")));
    return outputs;
  }
}
