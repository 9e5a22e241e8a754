package dev.listings.sink.table;

import dev.listings.sink.schema.FlatSchema;
import dev.listings.sink.schema.PartitionSpecs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a sink table on first use, and on later starts widens its schema to a newer version of the topic's schema
 * (new columns are added as optional, types are only widened, nothing is dropped). The partition spec of an existing
 * table is kept: changing it is a deliberate table operation, not a side effect of a deployment.
 */
public final class TableSetup {
  private static final Logger LOG = LoggerFactory.getLogger(TableSetup.class);
  /** Table property telling readers how rows relate: {@value #EVENTS} or {@value #VERSIONS_BY_KEY}. */
  public static final String ROWS_PROPERTY = "listings.rows";
  /** Every row is a fact of its own. */
  public static final String EVENTS = "events";
  /** Every row is a version of the value of its {@code kafka_key}; the latest has the highest offset. */
  public static final String VERSIONS_BY_KEY = "versions-by-key";
  /**
   * Columns whose values identify a row or a listing (nearly one distinct value per row), written with plain encoding
   * rather than Parquet's dictionary: a dictionary of unique values does not compress (Parquet drops it for plain at the
   * end of the first page anyway) but costs a hash lookup per value, a large share of the writing time.
   */
  public static final Set<String> PLAIN_ENCODED_COLUMNS =
      Set.of("id", FlatSchema.SOURCE_URI, "source_line", FlatSchema.KAFKA_KEY, FlatSchema.KAFKA_OFFSET);

  private TableSetup() {}

  public static Table ensure(
      Catalog catalog, TableIdentifier id, FlatSchema shape, List<String> partitionBy, boolean versionsByKey) {
    String rows = versionsByKey ? VERSIONS_BY_KEY : EVENTS;
    Table table;
    try {
      table = catalog.loadTable(id);
    } catch (NoSuchTableException e) {
      table = create(catalog, id, shape, partitionBy, rows);
    }
    evolve(table, shape, rows);
    return table;
  }

  private static Table create(
      Catalog catalog, TableIdentifier id, FlatSchema shape, List<String> partitionBy, String rows) {
    if (catalog instanceof SupportsNamespaces namespaces && !id.namespace().isEmpty()
        && !namespaces.namespaceExists(id.namespace())) {
      try {
        namespaces.createNamespace(id.namespace());
      } catch (AlreadyExistsException e) {
        // created meanwhile by another process
      }
    }
    PartitionSpec spec = PartitionSpecs.parse(shape.schema(), partitionBy);
    Map<String, String> properties = new HashMap<>(Map.of(
        TableProperties.FORMAT_VERSION, "2",
        TableProperties.DEFAULT_FILE_FORMAT, "parquet",
        TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true",
        TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, "100",
        ROWS_PROPERTY, rows));
    properties.putAll(plainEncoding(shape.schema()));
    try {
      Table table = catalog.createTable(id, shape.schema(), spec, properties);
      LOG.info("Created table {} partitioned by {}", id, spec.fields());
      return table;
    } catch (AlreadyExistsException e) {
      return catalog.loadTable(id);
    }
  }

  private static void evolve(Table table, FlatSchema shape, String rows) {
    UpdateSchema update = table.updateSchema().unionByNameWith(shape.schema());
    if (!update.apply().sameSchema(table.schema())) {
      update.commit();
      LOG.info("Widened the schema of {} to {}", table.name(), table.schema());
    }
    Map<String, String> wanted = new HashMap<>(plainEncoding(table.schema()));
    wanted.put(ROWS_PROPERTY, rows);
    wanted.entrySet().removeIf(e -> e.getValue().equals(table.properties().get(e.getKey())));
    if (!wanted.isEmpty()) {
      UpdateProperties properties = table.updateProperties();
      wanted.forEach(properties::set);
      properties.commit();
    }
  }

  /** Table properties turning Parquet's dictionary off for the {@link #PLAIN_ENCODED_COLUMNS} the schema has. */
  static Map<String, String> plainEncoding(Schema schema) {
    Map<String, String> properties = new HashMap<>();
    for (String column : PLAIN_ENCODED_COLUMNS) {
      if (schema.findField(column) != null) {
        properties.put(TableProperties.PARQUET_DICT_ENCODING_ENABLED_COLUMN_PREFIX + column, "false");
      }
    }
    return properties;
  }
}
