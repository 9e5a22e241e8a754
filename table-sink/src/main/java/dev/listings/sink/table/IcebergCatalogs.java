package dev.listings.sink.table;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens Iceberg catalogs from properties ({@code catalog-impl} or {@code type}, {@code warehouse}, {@code io-impl},
 * ...), coded against the {@link Catalog} interface so that the JDBC catalog of the local stack and the Glue catalog of
 * production are one configuration apart. The file IO defaults to {@code S3FileIO} and Hadoop's file IO is refused:
 * tables live on the S3 API, never on a Hadoop file system. A catalog is initialized once per process and shared by
 * reference count, because a JDBC catalog prepares its own database tables on initialization.
 */
public final class IcebergCatalogs {
  private static final Logger LOG = LoggerFactory.getLogger(IcebergCatalogs.class);
  /** Name under which the tables are registered (the JDBC catalog keys its rows by it). */
  public static final String CATALOG_NAME = "listings";
  public static final String S3_FILE_IO = "org.apache.iceberg.aws.s3.S3FileIO";
  private static final String HADOOP_FILE_IO = "org.apache.iceberg.hadoop.HadoopFileIO";

  private static final Map<String, Shared> OPEN = new HashMap<>();

  private IcebergCatalogs() {}

  /** A handle on the catalog these properties describe, initialized on first use in this process. */
  public static CatalogHandle open(Map<String, String> properties) {
    Map<String, String> effective = effectiveProperties(properties);
    String key = new TreeMap<>(effective).toString();
    synchronized (OPEN) {
      Shared shared = OPEN.get(key);
      if (shared == null) {
        Catalog catalog = CatalogUtil.buildIcebergCatalog(CATALOG_NAME, effective, null);
        LOG.info("Iceberg catalog {} ({}) over {}", CATALOG_NAME, catalog.getClass().getSimpleName(),
            effective.get(CatalogProperties.WAREHOUSE_LOCATION));
        shared = new Shared(key, catalog);
        OPEN.put(key, shared);
      }
      shared.users++;
      return new CatalogHandle(shared);
    }
  }

  /** The properties with the file IO made explicit; fails on properties that would not reach S3. */
  static Map<String, String> effectiveProperties(Map<String, String> properties) {
    if (!properties.containsKey(CatalogProperties.CATALOG_IMPL)
        && !properties.containsKey(CatalogUtil.ICEBERG_CATALOG_TYPE)) {
      throw new IllegalArgumentException("Catalog properties need catalog-impl (e.g. "
          + "org.apache.iceberg.jdbc.JdbcCatalog or org.apache.iceberg.aws.glue.GlueCatalog) or type");
    }
    if (HADOOP_FILE_IO.equals(properties.get(CatalogProperties.FILE_IO_IMPL))) {
      throw new IllegalArgumentException("HadoopFileIO is not supported: tables are written through S3FileIO");
    }
    Map<String, String> effective = new HashMap<>(properties);
    effective.putIfAbsent(CatalogProperties.FILE_IO_IMPL, S3_FILE_IO);
    return effective;
  }

  static void release(Shared shared) {
    synchronized (OPEN) {
      shared.users--;
      if (shared.users > 0) {
        return;
      }
      OPEN.remove(shared.key);
    }
    if (shared.catalog instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException e) {
        LOG.warn("Closing Iceberg catalog failed", e);
      }
    }
  }

  /** A catalog and how many handles use it. */
  static final class Shared {
    private final String key;
    private final Catalog catalog;
    private int users;

    private Shared(String key, Catalog catalog) {
      this.key = key;
      this.catalog = catalog;
    }

    Catalog catalog() {
      return catalog;
    }
  }
}
