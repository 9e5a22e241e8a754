package dev.listings.sink.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.sink.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IcebergCatalogsTest {
  @Test
  void defaultsTheFileIoToS3() {
    Map<String, String> props = IcebergCatalogs.effectiveProperties(
        Map.of("catalog-impl", CatalogConfigs.JDBC_CATALOG, "uri", "jdbc:sqlite:x.db"));
    assertThat(props).containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
  }

  @Test
  void refusesHadoopFileIo() {
    assertThatThrownBy(() -> IcebergCatalogs.effectiveProperties(
        Map.of("catalog-impl", CatalogConfigs.JDBC_CATALOG, "io-impl", "org.apache.iceberg.hadoop.HadoopFileIO")))
        .hasMessageContaining("HadoopFileIO is not supported");
  }

  @Test
  void refusesPropertiesWithoutACatalogImplementation() {
    assertThatThrownBy(() -> IcebergCatalogs.effectiveProperties(Map.of("warehouse", "s3://w/")))
        .hasMessageContaining("catalog-impl");
  }

  @Test
  void sharesOneCatalogPerPropertiesUntilTheLastHandleCloses() {
    Map<String, String> props = Fixtures.inMemoryCatalogProperties();
    CatalogHandle first = IcebergCatalogs.open(props);
    CatalogHandle second = IcebergCatalogs.open(props);
    var shared = first.catalog();
    assertThat(second.catalog()).isSameAs(shared);

    first.close();
    assertThat(second.catalog()).isNotNull();
    second.close();

    try (CatalogHandle third = IcebergCatalogs.open(props)) {
      assertThat(third.catalog()).isNotSameAs(shared);
    }
    assertThatThrownBy(first::catalog).hasMessageContaining("closed");
  }

  @Test
  void describesTheLocalAndProductionCatalogs() {
    assertThat(CatalogConfigs.local("jdbc:sqlite:/s/catalog.db", "s3://warehouse/warehouse", "http://localhost:9000",
        "k", "s", "us-east-1"))
        .containsEntry("catalog-impl", CatalogConfigs.JDBC_CATALOG)
        .containsEntry("s3.path-style-access", "true")
        .containsEntry("http-client.type", "apache")
        .containsEntry("io-impl", IcebergCatalogs.S3_FILE_IO);
    assertThat(CatalogConfigs.glue("s3://lake/warehouse", "eu-central-1", null))
        .containsEntry("catalog-impl", CatalogConfigs.GLUE_CATALOG)
        .containsEntry("http-client.type", "apache")
        .doesNotContainKey("glue.id");
  }
}
