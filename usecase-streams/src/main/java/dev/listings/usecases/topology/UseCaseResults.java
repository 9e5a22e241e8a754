package dev.listings.usecases.topology;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a {@link UseCase} publishes, as the readers of its topic need to know it: the Avro class of its output values,
 * whether its results are a {@link Shape#TABLE table} (each record is the new value of its Kafka key, the latest value
 * per key is the result) or {@link Shape#EVENTS events} (every record is a result), the partition terms of its Iceberg
 * table, the table's name and the name of its CSV file in {@code ./pipeline run}'s output. The table sink's mapping
 * and the CSV columns follow from this, so a new use case brings its results to the tables and the command line
 * without code elsewhere.
 *
 * @param valueType the generated Avro class of the output values; its schema gives the table's and the CSV's columns
 * @param shape table (latest value per key) or events
 * @param partitionBy partition terms of the table as in Iceberg DDL: a column, {@code year|month|day|hour(column)},
 *     {@code bucket(N, column)} or {@code truncate(W, column)}; columns are the value's fields, nested records
 *     flattened as {@code parent_child}
 * @param table the Iceberg table, {@code namespace.name}
 * @param csvName the CSV file's name without {@code .csv}
 */
public record UseCaseResults(
    Class<? extends SpecificRecord> valueType,
    Shape shape,
    List<String> partitionBy,
    String table,
    String csvName) {

  /** How the records of a use case's topic add up to its results. */
  public enum Shape {
    /** Each record is the new value of its Kafka key; the latest value per key is the result. */
    TABLE,
    /** Each record is a result of its own. */
    EVENTS
  }

  /** Namespace of the use cases' tables. */
  public static final String TABLE_NAMESPACE = "usecases";

  private static final Pattern TERM =
      Pattern.compile("(?i)(?:(?:year|month|day|hour|identity)\\s*\\(\\s*(\\w+)\\s*\\)"
          + "|(?:bucket|truncate)\\s*\\(\\s*\\d+\\s*,\\s*(\\w+)\\s*\\)|(\\w+))");
  private static final Pattern TABLE = Pattern.compile("\\w+\\.\\w+");
  private static final int MAX_DEPTH = 8;
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-]+");

  public UseCaseResults {
    Objects.requireNonNull(valueType, "valueType");
    Objects.requireNonNull(shape, "shape");
    partitionBy = partitionBy.stream().map(String::trim).toList();
    if (table == null || !TABLE.matcher(table).matches()) {
      throw new IllegalArgumentException("table must be namespace.name, got " + table);
    }
    if (csvName == null || !FILE_NAME.matcher(csvName).matches()) {
      throw new IllegalArgumentException("CSV name must be a plain file name, got " + csvName);
    }
    Schema schema = schemaOf(valueType);
    List<String> columns = flatten(schema, "_");
    for (String term : partitionBy) {
      String column = partitionColumn(term);
      if (!columns.contains(column)) {
        throw new IllegalArgumentException("partition term " + term + " of " + table + " names no column of "
            + schema.getFullName() + " " + columns);
      }
    }
  }

  /**
   * Results that are a table: each record is the new value of its key. Table {@code usecases.<name>} and CSV
   * {@code <name>}, with {@code -} replaced by {@code _}.
   */
  public static UseCaseResults table(
      String useCase, Class<? extends SpecificRecord> valueType, String... partitionBy) {
    return new UseCaseResults(
        valueType, Shape.TABLE, List.of(partitionBy), defaultTable(useCase), defaultCsvName(useCase));
  }

  /** Results that are events: every record is one. Table and CSV names as for {@link #table}. */
  public static UseCaseResults events(
      String useCase, Class<? extends SpecificRecord> valueType, String... partitionBy) {
    return new UseCaseResults(
        valueType, Shape.EVENTS, List.of(partitionBy), defaultTable(useCase), defaultCsvName(useCase));
  }

  /** {@code usecases.<name with - as _>}. */
  public static String defaultTable(String useCase) {
    return TABLE_NAMESPACE + "." + defaultCsvName(useCase);
  }

  /** {@code <name with - as _>}. */
  public static String defaultCsvName(String useCase) {
    return useCase.replace('-', '_');
  }

  public UseCaseResults withTable(String newTable) {
    return new UseCaseResults(valueType, shape, partitionBy, newTable, csvName);
  }

  public UseCaseResults withCsvName(String newCsvName) {
    return new UseCaseResults(valueType, shape, partitionBy, table, newCsvName);
  }

  /** Whether the latest value per Kafka key is the result (rather than every record). */
  public boolean isTable() {
    return shape == Shape.TABLE;
  }

  /** The Avro schema of the output values. */
  public Schema schema() {
    return schemaOf(valueType);
  }

  /**
   * The CSV columns, in schema order: the value's fields, nested records flattened as {@code parent.child} (as the
   * command line writes them).
   */
  public List<String> csvColumns() {
    return flatten(schema(), ".");
  }

  /** The column each partition term reads, in order (e.g. {@code date} for {@code month(date)}). */
  public List<String> partitionColumns() {
    return partitionBy.stream().map(UseCaseResults::partitionColumn).toList();
  }

  static String partitionColumn(String term) {
    Matcher matcher = TERM.matcher(term.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("partition term " + term + " is not a column, year|month|day|hour(column),"
          + " bucket(N, column) or truncate(W, column)");
    }
    for (int group = 1; group <= 3; group++) {
      if (matcher.group(group) != null) {
        return matcher.group(group);
      }
    }
    throw new IllegalStateException(term);
  }

  private static Schema schemaOf(Class<? extends SpecificRecord> valueType) {
    Schema schema = SpecificData.get().getSchema(valueType);
    if (schema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException(valueType + " is not an Avro record");
    }
    return schema;
  }

  private static List<String> flatten(Schema record, String separator) {
    Set<String> columns = new LinkedHashSet<>();
    flatten(record, "", separator, 0, columns);
    return new ArrayList<>(columns);
  }

  private static void flatten(Schema record, String prefix, String separator, int depth, Set<String> out) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException(record.getFullName() + " nests records deeper than " + MAX_DEPTH);
    }
    for (Schema.Field field : record.getFields()) {
      Schema nested = recordOf(field.schema());
      if (nested != null) {
        flatten(nested, prefix + field.name() + separator, separator, depth + 1, out);
      } else {
        out.add(prefix + field.name());
      }
    }
  }

  /** The record a field holds, directly or as the non-null branch of a nullable union; else null. */
  private static Schema recordOf(Schema schema) {
    if (schema.getType() == Schema.Type.RECORD) {
      return schema;
    }
    if (schema.getType() == Schema.Type.UNION) {
      List<Schema> branches = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
      if (branches.size() == 1 && branches.get(0).getType() == Schema.Type.RECORD) {
        return branches.get(0);
      }
    }
    return null;
  }
}
