package dev.listings.sink.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.sink.Fixtures;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;
import org.junit.jupiter.api.Test;

class RowMapperTest {
  private static final Lineage LINEAGE = new Lineage("listings.curated.v1", 2, 41, "L-1", 1_709_633_730_123L);
  private final FlatSchema shape = FlatSchema.of(CuratedListing.getClassSchema());

  @Test
  void convertsAGeneratedRecordIntoAFlatRowWithLineage() {
    CuratedListing listing = Fixtures.curated("L-1", LocalDate.of(2024, 3, 4), "apartment", 7);

    Record row = shape.rowMapper(shape.schema()).toRow(listing, LINEAGE);

    assertThat(row.getField("id")).isEqualTo("L-1");
    assertThat(row.getField("scraping_date")).isEqualTo(LocalDate.of(2024, 3, 4));
    assertThat(row.getField("municipality")).isEqualTo("Zürich");
    assertThat(row.getField("currency")).isNull();
    assertThat(row.getField("price")).isEqualTo(850_007.0);
    assertThat(row.getField("source_bucket")).isEqualTo("landing");
    assertThat(row.getField("source_line")).isEqualTo(7L);
    assertThat(row.getField("source_ingested_at"))
        .isEqualTo(OffsetDateTime.ofInstant(Fixtures.INGESTED_AT, ZoneOffset.UTC));
    assertThat(row.getField("source_uri")).isEqualTo("s3://landing/batch-1.jsonl#7");
    assertThat(row.getField("kafka_topic")).isEqualTo("listings.curated.v1");
    assertThat(row.getField("kafka_partition")).isEqualTo(2);
    assertThat(row.getField("kafka_offset")).isEqualTo(41L);
    assertThat(row.getField("kafka_key")).isEqualTo("L-1");
    assertThat(row.getField("kafka_timestamp"))
        .isEqualTo(OffsetDateTime.parse("2024-03-05T10:15:30.123Z"));
  }

  @Test
  void convertsAGenericRecordWithRawLogicalValuesTheSameWay() {
    CuratedListing listing = Fixtures.curated("L-2", LocalDate.of(2024, 3, 4), "house", 8);
    GenericRecord source = new GenericData.Record(CuratedListing.getClassSchema().getField("source").schema());
    source.put("bucket", "landing");
    source.put("key", "batch-1.jsonl");
    source.put("line", 8L);
    source.put("ingested_at", Fixtures.INGESTED_AT.toEpochMilli());
    GenericRecord generic = new GenericData.Record(CuratedListing.getClassSchema());
    generic.put("id", new org.apache.avro.util.Utf8("L-2"));
    generic.put("scraping_date", (int) LocalDate.of(2024, 3, 4).toEpochDay());
    generic.put("property_type", "house");
    generic.put("price", listing.getPrice());
    generic.put("living_area", listing.getLivingArea());
    generic.put("price_per_square_meter", listing.getPricePerSquareMeter());
    generic.put("source", source);

    Record fromGeneric = shape.rowMapper(shape.schema()).toRow(generic, LINEAGE);
    Record fromSpecific = shape.rowMapper(shape.schema()).toRow(listing, LINEAGE);

    for (String column : List.of("id", "scraping_date", "price", "source_ingested_at", "source_uri", "source_line")) {
      assertThat(fromGeneric.getField(column)).as(column).isEqualTo(fromSpecific.getField(column));
    }
  }

  @Test
  void leavesColumnsTheValueDoesNotHaveNull() {
    List<NestedField> columns = new ArrayList<>(shape.schema().columns());
    columns.add(NestedField.optional(500, "annotated_by", Types.StringType.get()));
    Schema wider = new Schema(columns);

    Record row = shape.rowMapper(wider)
        .toRow(Fixtures.curated("L-3", LocalDate.of(2024, 1, 1), "house", 1), LINEAGE);

    assertThat(row.getField("annotated_by")).isNull();
    assertThat(row.getField("id")).isEqualTo("L-3");
  }

  @Test
  void writesIntoWidenedColumnTypes() {
    org.apache.avro.Schema v1 = org.apache.avro.SchemaBuilder.record("Counter").fields()
        .requiredInt("count").requiredFloat("ratio").endRecord();
    FlatSchema counter = FlatSchema.of(v1);
    List<NestedField> columns = new ArrayList<>();
    for (NestedField field : counter.schema().columns()) {
      columns.add(switch (field.name()) {
        case "count" -> NestedField.required(field.fieldId(), "count", Types.LongType.get());
        case "ratio" -> NestedField.required(field.fieldId(), "ratio", Types.DoubleType.get());
        default -> field;
      });
    }
    GenericRecord value = new GenericData.Record(v1);
    value.put("count", 7);
    value.put("ratio", 0.5f);

    Record row = counter.rowMapper(new Schema(columns)).toRow(value, LINEAGE);

    assertThat(row.getField("count")).isEqualTo(7L);
    assertThat(row.getField("ratio")).isEqualTo(0.5d);
  }

  @Test
  void refusesATableThatLacksAColumnOfTheValue() {
    Schema narrower = new Schema(shape.schema().columns().stream()
        .filter(f -> !f.name().equals("price")).toList());

    assertThatThrownBy(() -> shape.rowMapper(narrower)).hasMessageContaining("no column price");
  }
}
