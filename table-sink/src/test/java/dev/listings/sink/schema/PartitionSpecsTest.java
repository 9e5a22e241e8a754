package dev.listings.sink.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.schemas.avro.CuratedListing;
import java.util.List;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.junit.jupiter.api.Test;

class PartitionSpecsTest {
  private final Schema schema = FlatSchema.of(CuratedListing.getClassSchema()).schema();

  @Test
  void readsTransformsAsWrittenInIcebergDdl() {
    PartitionSpec spec = PartitionSpecs.parse(schema,
        List.of("month(scraping_date)", "property_type", "BUCKET(16, id)", "truncate(3, municipality)",
            "identity(currency)", "day(source_ingested_at)"));

    assertThat(spec.fields()).extracting(PartitionField::name).containsExactly(
        "scraping_date_month", "property_type", "id_bucket", "municipality_trunc", "currency",
        "source_ingested_at_day");
    assertThat(spec.fields().get(0).transform().toString()).isEqualTo("month");
    assertThat(spec.fields().get(2).transform().toString()).isEqualTo("bucket[16]");
  }

  @Test
  void makesAnUnpartitionedSpecFromNoTerms() {
    assertThat(PartitionSpecs.parse(schema, List.of()).isUnpartitioned()).isTrue();
  }

  @Test
  void namesTheTermThatCannotBeUsed() {
    assertThatThrownBy(() -> PartitionSpecs.parse(schema, List.of("month(nope)")))
        .hasMessageContaining("month(nope)");
    assertThatThrownBy(() -> PartitionSpecs.parse(schema, List.of("weekday(scraping_date)")))
        .hasMessageContaining("weekday(scraping_date)");
  }
}
