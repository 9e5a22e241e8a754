package dev.listings.sink.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.PricePerSqmStats;
import dev.listings.sink.Fixtures;
import dev.listings.sink.schema.FlatSchema;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TableSetupTest {
  private static final TableIdentifier ID = TableIdentifier.parse("usecases.price_per_sqm");
  private final InMemoryCatalog catalog = Fixtures.inMemoryCatalog();

  @AfterEach
  void closeCatalog() throws IOException {
    catalog.close();
  }

  @Test
  void createsTheNamespaceAndTableWithItsPartitioningAndRowKind() {
    Table table = TableSetup.ensure(catalog, ID, FlatSchema.of(PricePerSqmStats.getClassSchema()),
        List.of("property_type"), true);

    assertThat(catalog.namespaceExists(Namespace.of("usecases"))).isTrue();
    assertThat(table.spec().fields()).hasSize(1);
    assertThat(table.properties()).containsEntry(TableSetup.ROWS_PROPERTY, TableSetup.VERSIONS_BY_KEY);
    assertThat(((org.apache.iceberg.HasTableOperations) table).operations().current().formatVersion()).isEqualTo(2);
    assertThat(table.schema().findField("median")).isNotNull();
  }

  @Test
  void widensAnExistingTableToANewerSchemaAndKeepsItsPartitioning() {
    Schema v1 = SchemaBuilder.record("Stats").namespace("test").fields()
        .requiredString("municipality").requiredInt("count").endRecord();
    Schema v2 = SchemaBuilder.record("Stats").namespace("test").fields()
        .requiredString("municipality").requiredLong("count")
        .name("region").type().optional().stringType()
        .endRecord();
    TableSetup.ensure(catalog, ID, FlatSchema.of(v1), List.of("municipality"), false);

    Table table = TableSetup.ensure(catalog, ID, FlatSchema.of(v2), List.of(), true);

    assertThat(table.schema().findField("count").type()).isEqualTo(Types.LongType.get());
    assertThat(table.schema().findField("region").isOptional()).isTrue();
    assertThat(table.spec().fields()).hasSize(1);
    assertThat(table.properties()).containsEntry(TableSetup.ROWS_PROPERTY, TableSetup.VERSIONS_BY_KEY);
  }

  @Test
  void leavesAnUpToDateTableUntouched() {
    FlatSchema shape = FlatSchema.of(PricePerSqmStats.getClassSchema());
    Table first = TableSetup.ensure(catalog, ID, shape, List.of(), false);
    String metadata = ((org.apache.iceberg.HasTableOperations) first).operations().current().metadataFileLocation();

    Table again = TableSetup.ensure(catalog, ID, shape, List.of(), false);

    assertThat(((org.apache.iceberg.HasTableOperations) again).operations().current().metadataFileLocation())
        .isEqualTo(metadata);
  }

  @Test
  void writesIdentityColumnsWithoutParquetDictionary() {
    Table curated = TableSetup.ensure(catalog, TableIdentifier.parse("listings.curated"),
        FlatSchema.of(CuratedListing.getClassSchema()), List.of(), false);
    Table stats = TableSetup.ensure(catalog, ID, FlatSchema.of(PricePerSqmStats.getClassSchema()), List.of(), true);

    String prefix = TableProperties.PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX;
    assertThat(curated.properties()).containsEntry(prefix + "id", "false")
        .containsEntry(prefix + "source_uri", "false").containsEntry(prefix + "source_line", "false")
        .containsEntry(prefix + "kafka_key", "false").containsEntry(prefix + "kafka_offset", "false")
        .doesNotContainKey(prefix + "municipality");
    assertThat(stats.properties()).containsEntry(prefix + "kafka_offset", "false")
        .doesNotContainKey(prefix + "id").doesNotContainKey(prefix + "source_uri");
  }

  @Test
  void givesATableCreatedWithoutThemThePlainEncodingSettingsOnTheNextStart() {
    FlatSchema shape = FlatSchema.of(PricePerSqmStats.getClassSchema());
    Table table = TableSetup.ensure(catalog, ID, shape, List.of(), true);
    String key = TableProperties.PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX + "kafka_offset";
    table.updateProperties().remove(key).commit();

    Table again = TableSetup.ensure(catalog, ID, shape, List.of(), true);

    assertThat(again.properties()).containsEntry(key, "false");
  }
}
