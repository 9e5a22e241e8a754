package dev.listings.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.PricePerSqmStats;
import dev.listings.sink.read.LiveFile;
import dev.listings.sink.read.LiveTable;
import dev.listings.sink.read.LocalSql;
import dev.listings.sink.read.QueryResult;
import dev.listings.sink.read.TableReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class TableSinkIT {
  private static final String CURATED = TableMapping.curatedListings().topic();
  private static final String STATS = Fixtures.statsTable().topic();
  private static final String GROUP = "table-sink-it";
  @TempDir static Path dir;
  static SinkEnvironment env;

  @BeforeAll
  static void start() throws Exception {
    env = SinkEnvironment.start(dir, "table-sink-it");
    env.createTopic(CURATED, 3);
    env.createTopic(STATS, 2);
  }

  @AfterAll
  static void stop() {
    env.close();
  }

  @Test
  void writesCuratedListingsAndUseCaseVersionsToTablesQueryableWithSql() throws Exception {
    List<CuratedListing> listings = new ArrayList<>();
    for (int line = 1; line <= 120; line++) {
      listings.add(Fixtures.curated("L-" + line, LocalDate.of(2024, 1 + line % 3, 1 + line % 28),
          line % 4 == 0 ? "house" : "apartment", line));
    }
    List<PricePerSqmStats> updates = new ArrayList<>();
    Map<String, PricePerSqmStats> latest = new LinkedHashMap<>();
    for (int version = 1; version <= 5; version++) {
      for (String town : List.of("Bern", "Basel", "Zug")) {
        for (String type : List.of("house", "apartment")) {
          PricePerSqmStats stats = Fixtures.stats(town, type, "2024-01", version, 6000 + version * 10);
          updates.add(stats);
          latest.put(key(stats), stats);
        }
      }
    }
    env.produce(CURATED, listings.subList(0, 70), CuratedListing::getId);
    env.produce(STATS, updates, TableSinkIT::key);
    env.produce(CURATED, listings.subList(70, 120), CuratedListing::getId);

    TableSinkConfig config = env.config(List.of(TableMapping.curatedListings(), Fixtures.statsTable()), GROUP);
    try (TableSink sink = new TableSink(config)) {
      sink.start();
      env.awaitCommitted(sink, CURATED, STATS);
      assertThat(sink.tableNames()).containsExactly("listings.curated", "usecases.price_per_sqm");
    }

    List<Record> rows = env.rows("listings.curated");
    assertThat(rows).hasSize(120);
    assertThat(rows).extracting(r -> r.getField("id")).containsExactlyInAnyOrderElementsOf(
        listings.stream().map(CuratedListing::getId).toList());
    Record first = rows.stream().filter(r -> r.getField("id").equals("L-8")).findFirst().orElseThrow();
    assertThat(first.getField("scraping_date")).isEqualTo(LocalDate.of(2024, 3, 9));
    assertThat(first.getField("property_type")).isEqualTo("house");
    assertThat(first.getField("price")).isEqualTo(850_008.0);
    assertThat(first.getField("currency")).isEqualTo("CHF");
    assertThat(first.getField("source_uri")).isEqualTo("s3://landing/batch-1.jsonl#8");
    assertThat(first.getField("source_ingested_at"))
        .isEqualTo(OffsetDateTime.ofInstant(Fixtures.INGESTED_AT, ZoneOffset.UTC));
    assertThat(first.getField("kafka_topic")).isEqualTo(CURATED);
    assertThat(first.getField("kafka_key")).isEqualTo("L-8");
    assertThat(env.rows("usecases.price_per_sqm")).hasSize(30);

    LiveTable table = new TableReader(env.catalog()).describe(TableIdentifier.parse("listings.curated"));
    assertThat(table.rows()).isEqualTo(120);
    assertThat(table.files()).extracting(LiveFile::location).allMatch(l -> l.startsWith("s3://warehouse/warehouse/"));
    assertThat(table.files()).extracting(LiveFile::partition).contains(
        "scraping_date_month=2024-01/property_type=apartment", "scraping_date_month=2024-02/property_type=house");
    // a partition's table offset may stop short of a trailing transaction marker, which holds no row
    filter(env.endOffsets(CURATED), CURATED).forEach((tp, end) ->
        assertThat(table.offsets().get(tp)).as(tp.toString()).isBetween(end - 1, end));
    assertThat(env.groupOffsets(GROUP)).isEqualTo(env.endOffsets(CURATED, STATS));

    try (LocalSql sql = LocalSql.open(env.catalogProperties(), dir.resolve("sql-cache"))) {
      QueryResult byType = sql.query(
          "SELECT property_type, count(*) AS n FROM listings_curated GROUP BY 1 ORDER BY 1");
      assertThat(byType.rows()).extracting(r -> r.get("property_type") + "=" + r.get("n"))
          .containsExactly("apartment=90", "house=30");

      QueryResult newest = sql.query("SELECT municipality, property_type, month, count, median "
          + "FROM usecases_price_per_sqm_latest ORDER BY municipality, property_type");
      assertThat(newest.rows()).hasSize(6);
      assertThat(newest.rows()).allSatisfy(r -> {
        PricePerSqmStats expected = latest.get(r.get("municipality") + "|" + r.get("property_type") + "|"
            + r.get("month"));
        assertThat(r.get("count")).isEqualTo(expected.getCount());
        assertThat(r.get("median")).isEqualTo(expected.getMedian());
      });
    }
  }

  @Test
  void restartsWhereTheTablesLeftOffWithoutRewritingRows() throws Exception {
    String topic = "listings.curated.restart";
    TableMapping mapping = monthlyCuratedTable(topic, "restart.curated");
    TableSinkConfig config = env.config(List.of(mapping), "restart-it");
    env.produce(topic, listings("R-", 1, 30), CuratedListing::getId);
    try (TableSink sink = new TableSink(config)) {
      sink.start();
      env.awaitCommitted(sink, topic);
    }
    long snapshots = snapshotCount("restart.curated");

    try (TableSink sink = new TableSink(config)) {
      sink.start();
      env.awaitCommitted(sink, topic);
      assertThat(snapshotCount("restart.curated")).isEqualTo(snapshots);
      env.produce(topic, listings("R-", 31, 45), CuratedListing::getId);
      env.awaitCommitted(sink, topic);
    }

    List<Record> rows = env.rows("restart.curated");
    Set<String> positions = new HashSet<>();
    rows.forEach(r -> positions.add(r.getField("kafka_partition") + "@" + r.getField("kafka_offset")));
    assertThat(rows).hasSize(45);
    assertThat(positions).hasSize(45);
  }

  @Test
  void aBatchJobsSinkHoldsItsBatchUntilAskedThenCommitsItOnceCaughtUp() throws Exception {
    String topic = "listings.curated.batch-job";
    TableMapping mapping = monthlyCuratedTable(topic, "batch_job.curated");
    Duration long10 = Duration.ofMinutes(10);
    TableSinkConfig config = env.config(List.of(mapping), "batch-job-it").withBatch(1_000, long10, long10);
    env.produce(topic, listings("B-", 1, 30), CuratedListing::getId);
    Map<TopicPartition, Long> ends = env.endOffsets(topic);
    try (TableSink sink = new TableSink(config)) {
      sink.start();
      // Longer than the live sink's quiet wait: a live sink would have committed these rows by now.
      Thread.sleep(TableSinkConfig.DEFAULT_BATCH_QUIET_WAIT.toMillis() * 3);
      assertThat(snapshotCount("batch_job.curated")).isZero();

      long deadline = System.currentTimeMillis() + 60_000;
      while (!sink.hasCommitted(ends) && System.currentTimeMillis() < deadline) {
        sink.commitWhenCaughtUp();
        Thread.sleep(50);
      }
      assertThat(sink.hasCommitted(ends)).as("committed %s of %s", sink.committedOffsets(), ends).isTrue();
    }
    assertThat(env.rows("batch_job.curated")).hasSize(30);
    assertThat(snapshotCount("batch_job.curated")).isEqualTo(1);
  }

  /** A new two-partition topic of curated listings, mapped to a table partitioned by month. */
  private static TableMapping monthlyCuratedTable(String topic, String table) {
    env.createTopic(topic, 2);
    return new TableMapping(topic, table, CuratedListing.class, List.of("month(scraping_date)"), false);
  }

  private long snapshotCount(String table) {
    var loaded = env.catalog().loadTable(TableIdentifier.parse(table));
    return java.util.stream.StreamSupport.stream(loaded.snapshots().spliterator(), false).count();
  }

  static List<CuratedListing> listings(String prefix, int fromLine, int toLine) {
    List<CuratedListing> listings = new ArrayList<>();
    for (int line = fromLine; line <= toLine; line++) {
      listings.add(Fixtures.curated(prefix + line, LocalDate.of(2024, 1 + line % 2, 10), "apartment", line));
    }
    return listings;
  }

  private static Map<TopicPartition, Long> filter(Map<TopicPartition, Long> offsets, String topic) {
    return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private static String key(PricePerSqmStats stats) {
    return stats.getMunicipality() + "|" + stats.getPropertyType() + "|" + stats.getMonth();
  }
}
