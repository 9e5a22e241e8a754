package dev.listings.usecases;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.Provenance;
import java.time.Instant;
import java.time.LocalDate;

/** Curated listings for tests, shaped like the cleaner's output. */
public final class Listings {
  private Listings() {}

  public static CuratedListing listing(
      String id, String municipality, String type, String date, double price, double area) {
    return listing(id, municipality, type, LocalDate.parse(date), price, area, "EUR", 1);
  }

  public static CuratedListing listing(
      String id,
      String municipality,
      String type,
      LocalDate date,
      double price,
      double area,
      String currency,
      long line) {
    return CuratedListing.newBuilder()
        .setId(id)
        .setScrapingDate(date)
        .setPropertyType(type)
        .setMunicipality(municipality)
        .setPrice(price)
        .setCurrency(currency)
        .setLivingArea(area)
        .setPricePerSquareMeter(Math.round(price / area * 100) / 100.0)
        .setSource(
            Provenance.newBuilder()
                .setBucket("landing")
                .setKey("scrapes/batch.jsonl")
                .setEtag("etag-1")
                .setLine(line)
                .setIngestedAt(Instant.parse("2024-01-01T00:00:00Z"))
                .build())
        .setRulesVersion("1")
        .build();
  }

  /** A listing whose price per m² is exactly {@code pricePerSqm} (area 100 m²). */
  public static CuratedListing withPricePerSqm(
      String id, String municipality, String type, String date, double pricePerSqm) {
    return listing(id, municipality, type, date, pricePerSqm * 100, 100);
  }
}
