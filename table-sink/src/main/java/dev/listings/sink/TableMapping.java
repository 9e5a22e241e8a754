package dev.listings.sink;

import dev.listings.schemas.Topics;
import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.MarketActivity;
import dev.listings.schemas.avro.PriceChange;
import dev.listings.schemas.avro.PricePerSqmStats;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * One Avro topic written to one Iceberg table: the topic, the table ({@code namespace.name}), the generated Avro class
 * the values are read into (its schema gives the table's columns), the partition terms (as in Iceberg DDL, e.g. {@code
 * month(scraping_date)}), and whether rows are versions of the value of their Kafka key (a use case's running results)
 * rather than events of their own. A new topic needs a new mapping, not new code.
 *
 * @param versionsByKey rows are successive values of their {@code kafka_key}; readers take the newest (highest
 *     {@code kafka_offset}) per key
 */
public record TableMapping(
    String topic,
    String table,
    Class<? extends SpecificRecord> valueType,
    List<String> partitionBy,
    boolean versionsByKey) {

  public static final String USECASE_PRICE_CHANGES = "usecase.price-changes.v1";
  public static final String USECASE_MARKET_ACTIVITY = "usecase.market-activity.v1";

  public TableMapping {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(valueType, "valueType");
    partitionBy = List.copyOf(partitionBy);
    if (TableIdentifier.parse(Objects.requireNonNull(table, "table")).namespace().isEmpty()) {
      throw new IllegalArgumentException("Table " + table + " needs a namespace, e.g. listings." + table);
    }
  }

  public TableIdentifier identifier() {
    return TableIdentifier.parse(table);
  }

  /** Curated listings: {@code listings.curated}, partitioned by month of scraping date and property type. */
  public static TableMapping curatedListings() {
    return new TableMapping(Topics.CURATED, "listings.curated", CuratedListing.class,
        List.of("month(scraping_date)", "property_type"), false);
  }

  /** Price per m² statistics: every update is a version of its key (municipality, type, month). */
  public static TableMapping pricePerSqm() {
    return new TableMapping(Topics.USECASE_PRICE_PER_SQM, "usecases.price_per_sqm", PricePerSqmStats.class,
        List.of("property_type"), true);
  }

  /** Price changes: each row is an event. */
  public static TableMapping priceChanges() {
    return new TableMapping(USECASE_PRICE_CHANGES, "usecases.price_changes", PriceChange.class,
        List.of("month(new_scraping_date)"), false);
  }

  /** New listings per municipality and day: every update is a version of its key. */
  public static TableMapping marketActivity() {
    return new TableMapping(USECASE_MARKET_ACTIVITY, "usecases.market_activity", MarketActivity.class,
        List.of("month(date)"), true);
  }

  /** The curated table and every use case's table. */
  public static List<TableMapping> defaults() {
    return List.of(curatedListings(), pricePerSqm(), priceChanges(), marketActivity());
  }
}
