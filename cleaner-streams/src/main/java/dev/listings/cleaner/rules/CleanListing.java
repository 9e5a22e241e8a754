package dev.listings.cleaner.rules;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A listing that passed every rule: typed and normalised fields, without provenance. Two sightings of a listing are
 * the same version exactly when their clean listings are equal (every field, scraping date and currency included).
 *
 * @param currency ISO 4217 code when the source stated one, else null
 * @param municipality trimmed, null when absent or blank
 * @param pricePerSquareMeter price / livingArea rounded to 2 decimals, half up
 */
public record CleanListing(
    String id,
    LocalDate scrapingDate,
    String propertyType,
    String municipality,
    double price,
    String currency,
    double livingArea,
    double pricePerSquareMeter) {
  public CleanListing {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(scrapingDate, "scrapingDate");
    Objects.requireNonNull(propertyType, "propertyType");
  }
}
