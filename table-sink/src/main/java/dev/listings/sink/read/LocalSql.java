package dev.listings.sink.read;

import dev.listings.sink.schema.FlatSchema;
import dev.listings.sink.table.CatalogHandle;
import dev.listings.sink.table.IcebergCatalogs;
import dev.listings.sink.table.TableSetup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.FileIO;

/**
 * SQL over the catalog's tables without AWS and without network: each table's live data files (from its current
 * snapshot) are copied through the table's FileIO into a local cache (data files never change, so each is fetched
 * once) and DuckDB reads them with {@code read_parquet}. Every table {@code ns.name} is a view {@code ns_name}; a table
 * whose rows are versions of their Kafka key also has {@code ns_name_latest} with the newest row per key. Views are
 * refreshed before each query, so a query sees the latest commits.
 */
public final class LocalSql implements AutoCloseable {
  public static final String LATEST_SUFFIX = "_latest";

  private final Catalog catalog;
  private final CatalogHandle ownedHandle;
  private final Path cacheDir;
  private final Connection duckdb;

  /** Queries the tables of {@code catalog}, caching data files under {@code cacheDir}. */
  public LocalSql(Catalog catalog, Path cacheDir) {
    this(catalog, null, cacheDir);
  }

  private LocalSql(Catalog catalog, CatalogHandle ownedHandle, Path cacheDir) {
    this.catalog = catalog;
    this.ownedHandle = ownedHandle;
    this.cacheDir = cacheDir;
    try {
      Files.createDirectories(cacheDir);
      this.duckdb = DriverManager.getConnection("jdbc:duckdb:");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the cache folder " + cacheDir, e);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot start DuckDB: " + e.getMessage(), e);
    }
  }

  /** Opens the catalog these properties describe (see {@code CatalogConfigs}); closing this releases it. */
  public static LocalSql open(Map<String, String> catalogProperties, Path cacheDir) {
    CatalogHandle handle = IcebergCatalogs.open(catalogProperties);
    return new LocalSql(handle.catalog(), handle, cacheDir);
  }

  /** Name of the view of a table: {@code listings.curated} is {@code listings_curated}. */
  public static String viewName(String table) {
    return table.replace('.', '_');
  }

  /** Refreshes the views and returns their names. */
  public synchronized List<String> views() {
    return refreshViews();
  }

  /** Refreshes the views and runs one SQL statement, returning its rows (none for a statement without result). */
  public synchronized QueryResult query(String sql) {
    refreshViews();
    try (Statement statement = duckdb.createStatement()) {
      if (!statement.execute(sql)) {
        return new QueryResult(List.of(), List.of());
      }
      try (ResultSet rs = statement.getResultSet()) {
        return read(rs);
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException("Query failed: " + e.getMessage(), e);
    }
  }

  private List<String> refreshViews() {
    List<String> views = new ArrayList<>();
    TableReader reader = new TableReader(catalog);
    for (TableIdentifier id : reader.tables()) {
      LiveTable table = reader.describe(id);
      if (table.hasDeleteFiles()) {
        throw new IllegalStateException("Table " + id + " has delete files; local SQL reads append-only tables");
      }
      String view = viewName(table.name());
      execute("CREATE OR REPLACE VIEW " + quote(view) + " AS " + select(table, catalog.loadTable(id).io()));
      views.add(view);
      if (TableSetup.VERSIONS_BY_KEY.equals(table.rowsKind())) {
        execute("CREATE OR REPLACE VIEW " + quote(view + LATEST_SUFFIX) + " AS SELECT * FROM " + quote(view)
            + " QUALIFY row_number() OVER (PARTITION BY " + FlatSchema.KAFKA_KEY + " ORDER BY "
            + FlatSchema.KAFKA_OFFSET + " DESC) = 1");
        views.add(view + LATEST_SUFFIX);
      }
    }
    return views;
  }

  private String select(LiveTable table, FileIO io) {
    if (table.files().isEmpty()) {
      String columns = table.schema().columns().stream()
          .map(f -> "CAST(NULL AS " + DuckDbTypes.of(f.type()) + ") AS " + quote(f.name()))
          .collect(Collectors.joining(", "));
      return "SELECT " + columns + " WHERE false";
    }
    String paths = table.files().stream()
        .map(file -> "'" + localCopy(io, file).toString().replace("'", "''") + "'")
        .collect(Collectors.joining(", "));
    return "SELECT * FROM read_parquet([" + paths + "], union_by_name = true)";
  }

  private Path localCopy(FileIO io, LiveFile file) {
    Path target = cacheDir.resolve(hash(file.location()) + ".parquet");
    try {
      if (Files.exists(target) && Files.size(target) == file.sizeBytes()) {
        return target;
      }
      Path partial = Files.createTempFile(cacheDir, "download-", ".part");
      try (InputStream in = io.newInputFile(file.location()).newStream()) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      }
      return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy " + file.location() + " to " + target, e);
    }
  }

  private void execute(String sql) {
    try (Statement statement = duckdb.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB refused: " + sql + ": " + e.getMessage(), e);
    }
  }

  private static QueryResult read(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    List<String> columns = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      String label = meta.getColumnLabel(i);
      String unique = label;
      for (int n = 2; columns.contains(unique); n++) {
        unique = label + "_" + n; // rows are maps by column name: keep both of two same-named columns
      }
      columns.add(unique);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    while (rs.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= columns.size(); i++) {
        row.put(columns.get(i - 1), rs.getObject(i));
      }
      rows.add(row);
    }
    return new QueryResult(columns, rows);
  }

  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String hash(String location) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(location.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      duckdb.close();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot close DuckDB", e);
    } finally {
      if (ownedHandle != null) {
        ownedHandle.close();
      }
    }
  }
}
