package dev.listings.usecases.query;

import dev.listings.schemas.avro.PriceChange;

/** One price change of a listing, as the query API returns it. */
public record PriceChangeView(
    String id,
    String municipality,
    String propertyType,
    double oldPrice,
    double newPrice,
    String oldCurrency,
    String newCurrency,
    Double absoluteChange,
    Double relativeChange,
    String oldScrapingDate,
    String newScrapingDate,
    String source,
    String detectedAt) {

  public static PriceChangeView of(PriceChange change) {
    return new PriceChangeView(
        change.getId(),
        change.getMunicipality(),
        change.getPropertyType(),
        change.getOldPrice(),
        change.getNewPrice(),
        change.getOldCurrency(),
        change.getNewCurrency(),
        change.getAbsoluteChange(),
        change.getRelativeChange(),
        change.getOldScrapingDate().toString(),
        change.getNewScrapingDate().toString(),
        change.getSource(),
        change.getDetectedAt().toString());
  }
}
