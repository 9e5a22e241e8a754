package dev.listings.usecases.pricepersqm;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.usecases.model.GroupKeys;
import dev.listings.usecases.model.Municipality;
import java.time.YearMonth;

/**
 * The group of a price-per-m² observation: municipality, property type and month of the scraping date. Its topic key
 * is {@code <municipality>|<property_type>|<YYYY-MM>} (the key of {@code usecase.price-per-sqm.v1} and of the
 * partitioning); its store key {@code <property_type>|<YYYY-MM>|<municipality>} orders the statistics store so that one
 * type and month is a prefix scan.
 */
public record StatsKey(String municipality, String propertyType, YearMonth month) {

  public static StatsKey of(CuratedListing listing) {
    return new StatsKey(
        Municipality.of(listing), listing.getPropertyType(), YearMonth.from(listing.getScrapingDate()));
  }

  public static StatsKey parseTopicKey(String key) {
    String[] parts = GroupKeys.splitFromRight(key, 3);
    return new StatsKey(parts[0], parts[1], YearMonth.parse(parts[2]));
  }

  public String topicKey() {
    return GroupKeys.join(municipality, propertyType, month.toString());
  }

  public String storeKey() {
    return storePrefix(propertyType, month) + municipality;
  }

  /** Prefix of the store keys of every municipality for one type and month. */
  public static String storePrefix(String propertyType, YearMonth month) {
    return GroupKeys.join(propertyType, month.toString()) + GroupKeys.SEPARATOR;
  }
}
