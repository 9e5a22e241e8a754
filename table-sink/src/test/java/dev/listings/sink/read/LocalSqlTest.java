package dev.listings.sink.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.PricePerSqmStats;
import dev.listings.sink.Fixtures;
import dev.listings.sink.schema.FlatSchema;
import dev.listings.sink.schema.Lineage;
import dev.listings.sink.schema.RowMapper;
import dev.listings.sink.table.KafkaOffsets;
import dev.listings.sink.table.OffsetCommitter;
import dev.listings.sink.table.TableBatch;
import dev.listings.sink.table.TableSetup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSqlTest {
  private static final String STATS_TOPIC = "usecase.price-per-sqm.v1";
  private final InMemoryCatalog catalog = Fixtures.inMemoryCatalog();
  private final FlatSchema curatedShape = FlatSchema.of(CuratedListing.getClassSchema());
  private final FlatSchema statsShape = FlatSchema.of(PricePerSqmStats.getClassSchema());
  private final Table curated = TableSetup.ensure(catalog, TableIdentifier.parse("listings.curated"), curatedShape,
      List.of("month(scraping_date)", "property_type"), false);
  private final Table stats = TableSetup.ensure(catalog, TableIdentifier.parse("usecases.price_per_sqm"), statsShape,
      List.of("property_type"), true);
  @TempDir Path cache;

  @AfterEach
  void closeCatalog() throws IOException {
    catalog.close();
  }

  @Test
  void exposesEveryTableAsAViewAndVersionedTablesWithALatestView() {
    try (LocalSql sql = new LocalSql(catalog, cache)) {
      assertThat(sql.views()).containsExactly("listings_curated", "usecases_price_per_sqm",
          "usecases_price_per_sqm_latest");
    }
  }

  @Test
  void queriesAnEmptyTableWithTypedColumns() {
    try (LocalSql sql = new LocalSql(catalog, cache)) {
      QueryResult result = sql.query("SELECT count(*) AS n, max(scraping_date) AS last FROM listings_curated");
      assertThat(result.rows()).hasSize(1);
      assertThat(result.rows().get(0).get("n")).isEqualTo(0L);
      assertThat(result.rows().get(0).get("last")).isNull();
    }
  }

  @Test
  void readsTheLiveDataFilesOfTheCurrentSnapshot() {
    append(curated, curatedShape, "listings.curated.v1", List.of(
        Fixtures.curated("A", LocalDate.of(2024, 1, 5), "house", 1),
        Fixtures.curated("B", LocalDate.of(2024, 2, 5), "apartment", 2),
        Fixtures.curated("C", LocalDate.of(2024, 2, 6), "apartment", 3)));

    try (LocalSql sql = new LocalSql(catalog, cache)) {
      QueryResult result = sql.query("SELECT property_type, count(*) AS n, min(source_uri) AS first_line "
          + "FROM listings_curated GROUP BY property_type ORDER BY property_type");

      assertThat(result.columns()).containsExactly("property_type", "n", "first_line");
      assertThat(result.rows()).extracting(r -> r.get("property_type") + "=" + r.get("n") + "@" + r.get("first_line"))
          .containsExactly("apartment=2@s3://landing/batch-1.jsonl#2", "house=1@s3://landing/batch-1.jsonl#1");

      append(curated, curatedShape, "listings.curated.v1", List.of(
          Fixtures.curated("D", LocalDate.of(2024, 3, 1), "house", 4)));
      assertThat(sql.query("SELECT count(*) AS n FROM listings_curated").rows().get(0).get("n")).isEqualTo(4L);
    }
  }

  @Test
  void latestViewKeepsTheNewestVersionOfEachKey() {
    append(stats, statsShape, STATS_TOPIC, List.of(
        Fixtures.stats("Bern", "house", "2024-01", 1, 7000),
        Fixtures.stats("Basel", "house", "2024-01", 1, 6000),
        Fixtures.stats("Bern", "house", "2024-01", 2, 7100),
        Fixtures.stats("Bern", "house", "2024-01", 3, 7050)));

    try (LocalSql sql = new LocalSql(catalog, cache)) {
      QueryResult all = sql.query("SELECT count(*) AS n FROM usecases_price_per_sqm");
      QueryResult latest = sql.query(
          "SELECT municipality, count, median FROM usecases_price_per_sqm_latest ORDER BY municipality");

      assertThat(all.rows().get(0).get("n")).isEqualTo(4L);
      assertThat(latest.rows()).extracting(r -> r.get("municipality") + ":" + r.get("count") + ":" + r.get("median"))
          .containsExactly("Basel:1:6000.0", "Bern:3:7050.0");
      assertThat(latest.toTable()).contains("municipality | count | median").contains("(2 rows)");
    }
  }

  @Test
  void reportsSqlErrorsWithDuckDbsMessage() {
    try (LocalSql sql = new LocalSql(catalog, cache)) {
      assertThatThrownBy(() -> sql.query("SELECT nope FROM listings_curated"))
          .hasMessageContaining("Query failed").hasMessageContaining("nope");
    }
  }

  /** Appends the values as one batch, keyed by municipality|type|month for stats and by id for listings. */
  private static void append(Table table, FlatSchema shape, String topic, List<? extends GenericRecord> values) {
    table.refresh();
    Map<TopicPartition, Long> before = KafkaOffsets.committed(table);
    long next = before.getOrDefault(new TopicPartition(topic, 0), 0L);
    TableBatch batch = new TableBatch(table);
    RowMapper rows = shape.rowMapper(table.schema());
    for (GenericRecord value : values) {
      String key = value instanceof PricePerSqmStats s
          ? s.getMunicipality() + "|" + s.getPropertyType() + "|" + s.getMonth()
          : ((CuratedListing) value).getId();
      batch.add(rows.toRow(value, new Lineage(topic, 0, next++, key, 0L)));
    }
    OffsetCommitter.commit(table, batch.complete(), Map.of(new TopicPartition(topic, 0), next), before, "test");
  }
}
