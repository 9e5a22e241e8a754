package dev.listings.sink.table;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Catalog properties of the two deployments: the local stack (Iceberg's JDBC catalog in a SQLite file, data through
 * S3FileIO on the embedded S3 API) and production (AWS Glue, data through S3FileIO on S3, credentials from the default
 * chain, i.e. IRSA web identity on EKS).
 */
public final class CatalogConfigs {
  public static final String JDBC_CATALOG = "org.apache.iceberg.jdbc.JdbcCatalog";
  public static final String GLUE_CATALOG = "org.apache.iceberg.aws.glue.GlueCatalog";
  /**
   * The SDK's Apache HTTP client: a request on a pooled connection that the server has meanwhile closed fails with an
   * I/O error the SDK retries. With the JDK URL connection client (SDK 2.41) the same case fails a PUT outright
   * ({@code Unexpected end of file from server}), which stopped the sink after idle gaps between batches.
   */
  public static final String HTTP_CLIENT = "apache";

  private CatalogConfigs() {}

  /**
   * The local stack's catalog: {@code jdbcUri} such as {@code jdbc:sqlite:/state/catalog/catalog.db}, {@code
   * warehouse} such as {@code s3://warehouse/warehouse}, and the S3 API's endpoint and fixed credentials.
   */
  public static Map<String, String> local(
      String jdbcUri, String warehouse, String s3Endpoint, String accessKey, String secretKey, String region) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("catalog-impl", JDBC_CATALOG);
    props.put("uri", jdbcUri);
    props.put("warehouse", warehouse);
    props.put("jdbc.schema-version", "V1"); // the current JDBC catalog schema, which also holds views
    // SQLite settings: readers (e.g. local SQL in another process) never block the sink's commits
    props.put("jdbc.journal_mode", "WAL");
    props.put("jdbc.busy_timeout", "10000");
    props.put("io-impl", IcebergCatalogs.S3_FILE_IO);
    props.put("s3.endpoint", s3Endpoint);
    props.put("s3.path-style-access", "true");
    props.put("s3.access-key-id", accessKey);
    props.put("s3.secret-access-key", secretKey);
    props.put("client.region", region);
    props.put("http-client.type", HTTP_CLIENT);
    return props;
  }

  /** Production: the Glue Data Catalog of the account (or {@code glueCatalogId} when not null), tables on S3. */
  public static Map<String, String> glue(String warehouse, String region, String glueCatalogId) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("catalog-impl", GLUE_CATALOG);
    props.put("warehouse", warehouse);
    props.put("io-impl", IcebergCatalogs.S3_FILE_IO);
    props.put("client.region", region);
    props.put("http-client.type", HTTP_CLIENT);
    if (glueCatalogId != null) {
      props.put("glue.id", glueCatalogId);
    }
    return props;
  }
}
