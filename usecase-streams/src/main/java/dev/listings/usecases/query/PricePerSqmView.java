package dev.listings.usecases.query;

import dev.listings.schemas.avro.PricePerSqmStats;

/** Price per m² statistics of one municipality, property type and month, as the query API returns them. */
public record PricePerSqmView(
    String municipality,
    String propertyType,
    String month,
    long count,
    double mean,
    double median,
    double p10,
    double p90,
    double min,
    double max,
    String updatedAt) {

  public static PricePerSqmView of(PricePerSqmStats stats) {
    return new PricePerSqmView(
        stats.getMunicipality(),
        stats.getPropertyType(),
        stats.getMonth(),
        stats.getCount(),
        stats.getMean(),
        stats.getMedian(),
        stats.getP10(),
        stats.getP90(),
        stats.getMin(),
        stats.getMax(),
        stats.getUpdatedAt().toString());
  }
}
