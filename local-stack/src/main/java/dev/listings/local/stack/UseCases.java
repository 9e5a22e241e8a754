package dev.listings.local.stack;

import dev.listings.local.run.UseCaseOutput;
import dev.listings.schemas.Topics;
import dev.listings.usecases.streams.UseCaseTopology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The use cases the local stack runs, and how their output topics are read back into CSV files. */
public final class UseCases {
  public static final String APPLICATION_ID = UseCaseTopology.DEFAULT_APPLICATION_ID;

  private UseCases() {}

  public static List<String> topics() {
    return UseCaseTopology.OUTPUT_TOPICS;
  }

  /** CSV name → output; statistics are tables (latest value per key), price changes are events. */
  public static Map<String, UseCaseOutput> outputs() {
    Map<String, UseCaseOutput> outputs = new LinkedHashMap<>();
    outputs.put(
        "price_per_sqm",
        new UseCaseOutput(
            Topics.USECASE_PRICE_PER_SQM,
            true,
            List.of("municipality", "property_type", "month", "count", "mean", "median", "p10", "p90", "min", "max",
                "updated_at")));
    return outputs;
  }
}
