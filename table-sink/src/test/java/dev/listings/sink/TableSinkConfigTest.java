package dev.listings.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.PriceChange;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableSinkConfigTest {
  @Test
  void readsAFlatConfigurationWithPrefixedSections() {
    Map<String, String> settings = new HashMap<>(Map.of(
        "bootstrap.servers", "b-1.msk:9098",
        "group.id", "sink-prod",
        "batch.max.records", "500",
        "batch.max.wait.ms", "2500",
        "batch.quiet.wait.ms", "2000",
        "catalog.catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog",
        "catalog.warehouse", "s3://lake/warehouse",
        "serde.schema.registry.url", "http://registry:8081",
        "consumer.security.protocol", "SASL_SSL"));
    settings.putAll(Map.of(
        "tables", "listings.curated",
        "table.listings.curated.topic", "listings.curated.v1",
        "table.listings.curated.value-class", CuratedListing.class.getName(),
        "table.listings.curated.partition-by", "month(scraping_date);property_type"));
    TableSinkConfig config = TableSinkConfig.fromProperties(settings);

    assertThat(config.bootstrapServers()).isEqualTo("b-1.msk:9098");
    assertThat(config.groupId()).isEqualTo("sink-prod");
    assertThat(config.batchMaxRecords()).isEqualTo(500);
    assertThat(config.batchMaxWait()).isEqualTo(Duration.ofMillis(2500));
    assertThat(config.batchQuietWait()).isEqualTo(Duration.ofMillis(2000));
    assertThat(config.catalogProperties()).containsEntry("warehouse", "s3://lake/warehouse").hasSize(2);
    assertThat(config.serdeConfig()).containsEntry("schema.registry.url", "http://registry:8081");
    assertThat(config.consumerOverrides()).containsEntry("security.protocol", "SASL_SSL");
    assertThat(config.tables()).containsExactly(TableMapping.curatedListings());
  }

  @Test
  void writesOnlyTheTablesItIsGiven() {
    assertThatThrownBy(() -> TableSinkConfig.fromProperties(Map.of("bootstrap.servers", "k:9092")))
        .hasMessageContaining("Missing sink setting tables");
    assertThatThrownBy(() -> TableSinkConfig.fromProperties(Map.of("bootstrap.servers", "k:9092", "tables", " ")))
        .hasMessageContaining("Missing sink setting tables");
  }

  @Test
  void writesMappingsAsTheSettingsItReads() {
    Map<String, String> settings = new HashMap<>(TableSinkConfig.tableProperties(Fixtures.pipelineTables()));
    settings.put("bootstrap.servers", "k:9092");

    assertThat(TableSinkConfig.tableProperties(List.of(Fixtures.marketActivityTable()))).containsExactly(
        Map.entry("tables", "usecases.market_activity"),
        Map.entry("table.usecases.market_activity.topic", "usecase.market-activity.v1"),
        Map.entry("table.usecases.market_activity.value-class", "dev.listings.schemas.avro.MarketActivity"),
        Map.entry("table.usecases.market_activity.partition-by", "month(date)"),
        Map.entry("table.usecases.market_activity.versions-by-key", "true"));
    assertThat(TableSinkConfig.fromProperties(settings).tables()).isEqualTo(Fixtures.pipelineTables());
  }

  @Test
  void mapsANewTopicToATableByConfigurationAlone() {
    TableSinkConfig config = TableSinkConfig.fromProperties(Map.of(
        "bootstrap.servers", "localhost:9092",
        "tables", "usecases.price_changes",
        "table.usecases.price_changes.topic", "usecase.price-changes.v1",
        "table.usecases.price_changes.value-class", PriceChange.class.getName(),
        "table.usecases.price_changes.partition-by", "month(new_scraping_date); property_type",
        "table.usecases.price_changes.versions-by-key", "false"));

    assertThat(config.tables()).containsExactly(new TableMapping("usecase.price-changes.v1",
        "usecases.price_changes", PriceChange.class, List.of("month(new_scraping_date)", "property_type"), false));
  }

  @Test
  void namesTheMissingOrWrongSetting() {
    assertThatThrownBy(() -> TableSinkConfig.fromProperties(Map.of())).hasMessageContaining("bootstrap.servers");
    assertThatThrownBy(() -> TableSinkConfig.fromProperties(Map.of("bootstrap.servers", "k:9092",
        "tables", "a.b", "table.a.b.topic", "t", "table.a.b.value-class", "java.lang.String")))
        .hasMessageContaining("not a generated Avro class");
  }

  @Test
  void refusesTwoMappingsForOneTopicOrTable() {
    TableMapping curated = TableMapping.curatedListings();
    TableMapping sameTopic = new TableMapping(curated.topic(), "listings.copy", curated.valueType(), List.of(), false);
    assertThatThrownBy(() -> TableSinkConfig.of("k:9092", List.of(curated), Map.of(), Map.of())
        .withTables(List.of(curated, sameTopic))).hasMessageContaining("one mapping only");
  }

  @Test
  void refusesTablesWithoutNamespace() {
    assertThatThrownBy(() -> new TableMapping("t", "curated", PriceChange.class, List.of(), false))
        .hasMessageContaining("needs a namespace");
  }

  @Test
  void readsEnvironmentVariablesAsSettings() {
    assertThat(TableSinkMain.fromEnvironment(Map.of(
        "SINK_BOOTSTRAP_SERVERS", "b:9098",
        "SINK_CATALOG_S3_PATH__STYLE__ACCESS", "true",
        "HOME", "/root")))
        .isEqualTo(Map.of("bootstrap.servers", "b:9098", "catalog.s3.path-style-access", "true"));
  }

  @Test
  void forcesTheConsumerSettingsExactlyOnceDependsOn() {
    TableSinkConfig config = new TableSinkConfig("k:9092", "g", Fixtures.pipelineTables(), Map.of(), Map.of(), 100,
        Duration.ofSeconds(1), Duration.ofSeconds(1), Map.of("enable.auto.commit", "true", "isolation.level",
            "read_uncommitted", "security.protocol", "SASL_SSL"));

    assertThat(TableSink.consumerProperties(config))
        .containsEntry("enable.auto.commit", false)
        .containsEntry("isolation.level", "read_committed")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("group.id", "g");
  }
}
