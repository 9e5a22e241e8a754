package dev.listings.sink;

import dev.listings.schemas.Topics;
import dev.listings.schemas.avro.CuratedListing;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * One Avro topic written to one Iceberg table: the topic, the table ({@code namespace.name}), the generated Avro class
 * the values are read into (its schema gives the table's columns), the partition terms (as in Iceberg DDL, e.g. {@code
 * month(scraping_date)}), and whether rows are versions of the value of their Kafka key (a use case's running results)
 * rather than events of their own. A new topic needs a new mapping, not new code: a deployment lists its tables in
 * the {@code tables} setting ({@link TableSinkConfig#fromProperties}), and the local stack derives the use cases'
 * mappings from their own description of their results.
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
}
