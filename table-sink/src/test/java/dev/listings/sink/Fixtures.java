package dev.listings.sink;

import dev.listings.schemas.Topics;
import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.MarketActivity;
import dev.listings.schemas.avro.PriceChange;
import dev.listings.schemas.avro.PricePerSqmStats;
import dev.listings.schemas.avro.Provenance;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.inmemory.InMemoryCatalog;

/** Records and catalogs the sink's tests share. */
public final class Fixtures {
  public static final Instant INGESTED_AT = Instant.parse("2024-03-05T10:15:30.123Z");

  /** Topics shaped like the use cases' outputs: the sink itself knows no use case, its tests bring their own. */
  public static final String STATS_TOPIC = Topics.USECASE_PRICE_PER_SQM;
  public static final String PRICE_CHANGES_TOPIC = "usecase.price-changes.v1";
  public static final String MARKET_ACTIVITY_TOPIC = "usecase.market-activity.v1";

  private Fixtures() {}

  /** Price per m² statistics: every update is a version of its key (municipality, type, month). */
  public static TableMapping statsTable() {
    return new TableMapping(STATS_TOPIC, "usecases.price_per_sqm", PricePerSqmStats.class, List.of("property_type"),
        true);
  }

  /** Price changes: each row is an event. */
  public static TableMapping priceChangesTable() {
    return new TableMapping(PRICE_CHANGES_TOPIC, "usecases.price_changes", PriceChange.class,
        List.of("month(new_scraping_date)"), false);
  }

  /** New listings per municipality and day: every update is a version of its key. */
  public static TableMapping marketActivityTable() {
    return new TableMapping(MARKET_ACTIVITY_TOPIC, "usecases.market_activity", MarketActivity.class,
        List.of("month(date)"), true);
  }

  /** The curated table and the three use-case-shaped tables, as the pipeline deploys them. */
  public static List<TableMapping> pipelineTables() {
    return List.of(TableMapping.curatedListings(), statsTable(), priceChangesTable(), marketActivityTable());
  }

  /** A curated listing from line {@code line} of {@code s3://landing/batch-1.jsonl}. */
  public static CuratedListing curated(String id, LocalDate date, String type, long line) {
    return CuratedListing.newBuilder()
        .setId(id)
        .setScrapingDate(date)
        .setPropertyType(type)
        .setMunicipality("Zürich")
        .setPrice(850_000 + line)
        .setCurrency(line % 2 == 0 ? "CHF" : null)
        .setLivingArea(85.5)
        .setPricePerSquareMeter(Math.round((850_000 + line) / 85.5 * 100) / 100.0)
        .setSource(Provenance.newBuilder()
            .setBucket("landing")
            .setKey("batch-1.jsonl")
            .setEtag("etag-1")
            .setLine(line)
            .setIngestedAt(INGESTED_AT)
            .build())
        .setRulesVersion("rules-1")
        .build();
  }

  public static PricePerSqmStats stats(String municipality, String type, String month, long count, double median) {
    return PricePerSqmStats.newBuilder()
        .setMunicipality(municipality)
        .setPropertyType(type)
        .setMonth(month)
        .setCount(count)
        .setMean(median + 10)
        .setMedian(median)
        .setP10(median - 100)
        .setP90(median + 100)
        .setMin(median - 200)
        .setMax(median + 200)
        .setUpdatedAt(INGESTED_AT.plusSeconds(count))
        .build();
  }

  /** Properties of an in-memory catalog (tables and files in this JVM), unique per call. */
  public static Map<String, String> inMemoryCatalogProperties() {
    return Map.of(
        "catalog-impl", InMemoryCatalog.class.getName(),
        "io-impl", "org.apache.iceberg.inmemory.InMemoryFileIO",
        "warehouse", "mem://" + UUID.randomUUID() + "/warehouse");
  }

  public static InMemoryCatalog inMemoryCatalog() {
    InMemoryCatalog catalog = new InMemoryCatalog();
    catalog.initialize("test", inMemoryCatalogProperties());
    return catalog;
  }
}
