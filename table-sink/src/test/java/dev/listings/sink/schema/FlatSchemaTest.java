package dev.listings.sink.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.PricePerSqmStats;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;
import org.junit.jupiter.api.Test;

class FlatSchemaTest {
  private final org.apache.iceberg.Schema curated = FlatSchema.of(CuratedListing.getClassSchema()).schema();

  @Test
  void flattensProvenanceIntoPrefixedColumnsFollowedByLineage() {
    assertThat(curated.columns()).extracting(NestedField::name).containsExactly(
        "id", "scraping_date", "property_type", "municipality", "price", "currency", "living_area",
        "price_per_square_meter", "source_bucket", "source_key", "source_etag", "source_line", "source_ingested_at",
        "rules_version", "source_uri", "kafka_topic", "kafka_partition", "kafka_offset", "kafka_key",
        "kafka_timestamp");
  }

  @Test
  void mapsAvroLogicalTypesToIcebergTypes() {
    assertThat(curated.findField("scraping_date").type()).isEqualTo(Types.DateType.get());
    assertThat(curated.findField("source_ingested_at").type()).isEqualTo(Types.TimestampType.withZone());
    assertThat(curated.findField("source_line").type()).isEqualTo(Types.LongType.get());
    assertThat(curated.findField("price").type()).isEqualTo(Types.DoubleType.get());
  }

  @Test
  void keepsAvroNullabilityAsColumnRequiredness() {
    assertThat(curated.findField("id").isRequired()).isTrue();
    assertThat(curated.findField("municipality").isOptional()).isTrue();
    assertThat(curated.findField("source_etag").isOptional()).isTrue();
    assertThat(curated.findField("source_key").isRequired()).isTrue();
    assertThat(curated.findField("kafka_offset").isRequired()).isTrue();
    assertThat(curated.findField("id").doc()).isEqualTo("Listing id as sent by the source.");
  }

  @Test
  void addsSourceUriOnlyWhenTheValueCarriesProvenance() {
    org.apache.iceberg.Schema stats = FlatSchema.of(PricePerSqmStats.getClassSchema()).schema();
    assertThat(stats.findField(FlatSchema.SOURCE_URI)).isNull();
    assertThat(stats.findField(FlatSchema.KAFKA_KEY)).isNotNull();
  }

  @Test
  void makesEveryColumnOfAnOptionalRecordOptional() {
    Schema inner = SchemaBuilder.record("Inner").fields().requiredString("name").endRecord();
    Schema outer = SchemaBuilder.record("Outer").fields()
        .name("inner").type().optional().type(inner)
        .endRecord();
    NestedField name = FlatSchema.of(outer).schema().findField("inner_name");
    assertThat(name.isOptional()).isTrue();
  }

  @Test
  void givesNestedListsAndMapsFreshUniqueIds() {
    Schema item = SchemaBuilder.record("Item").fields().requiredString("label").requiredLong("n").endRecord();
    Schema value = SchemaBuilder.record("Value").fields()
        .name("items").type().array().items(item).noDefault()
        .name("tags").type().map().values().stringType().noDefault()
        .endRecord();
    org.apache.iceberg.Schema schema = FlatSchema.of(value).schema();
    assertThat(schema.findField("items").type().asListType().elementType().asStructType().fields())
        .extracting(NestedField::name).containsExactly("label", "n");
    // every column, plus the list element and its two fields, plus the map key and value
    assertThat(org.apache.iceberg.types.TypeUtil.indexById(schema.asStruct())).hasSize(schema.columns().size() + 5);
  }

  @Test
  void refusesUnionsOfSeveralTypes() {
    Schema value = SchemaBuilder.record("Value").fields()
        .name("either").type().unionOf().stringType().and().longType().endUnion().noDefault()
        .endRecord();
    assertThatThrownBy(() -> FlatSchema.of(value)).hasMessageContaining("union of several types");
  }

  @Test
  void refusesColumnsThatCollideOnceFlattened() {
    Schema source = SchemaBuilder.record("Src").fields().requiredString("uri").endRecord();
    Schema value = SchemaBuilder.record("Value").fields()
        .name("source").type(source).noDefault()
        .requiredString("source_uri")
        .endRecord();
    assertThatThrownBy(() -> FlatSchema.of(value)).hasMessageContaining("source_uri appears twice");
  }

  @Test
  void refusesNonRecordValues() {
    assertThatThrownBy(() -> FlatSchema.of(Schema.create(Schema.Type.STRING)))
        .hasMessageContaining("must be Avro records");
  }
}
