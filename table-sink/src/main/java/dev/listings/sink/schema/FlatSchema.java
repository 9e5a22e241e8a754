package dev.listings.sink.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.iceberg.avro.AvroSchemaUtil;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.TypeUtil;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.types.Types.NestedField;

/**
 * The Iceberg table shape of an Avro record topic: the value's fields, with nested records flattened into columns
 * named {@code parent_child} (so that Athena and plain SQL see flat columns), followed by the lineage columns. Leaf
 * types come from Iceberg's {@link AvroSchemaUtil}, except that Avro {@code timestamp-*} (an instant) maps to
 * {@code timestamptz} and {@code local-timestamp-*} to {@code timestamp}. When the value carries a provenance record
 * (a field {@value #PROVENANCE_FIELD} with {@code bucket}, {@code key} and {@code line}), a {@value #SOURCE_URI} column
 * holds {@code s3://bucket/key#line}.
 */
public final class FlatSchema {
  public static final String PROVENANCE_FIELD = "source";
  public static final String SOURCE_URI = "source_uri";
  public static final String KAFKA_TOPIC = "kafka_topic";
  public static final String KAFKA_PARTITION = "kafka_partition";
  public static final String KAFKA_OFFSET = "kafka_offset";
  public static final String KAFKA_KEY = "kafka_key";
  public static final String KAFKA_TIMESTAMP = "kafka_timestamp";
  private static final int MAX_DEPTH = 8;

  /** One value column: its name, the field path in the Avro record, and its Avro and Iceberg types. */
  record ValueColumn(String name, List<String> path, Schema avro, Type type, boolean optional, String doc) {}

  private final Schema valueSchema;
  private final List<ValueColumn> valueColumns;
  private final boolean hasProvenance;
  private final org.apache.iceberg.Schema schema;

  private FlatSchema(Schema valueSchema, List<ValueColumn> valueColumns, boolean hasProvenance) {
    this.valueSchema = valueSchema;
    this.valueColumns = List.copyOf(valueColumns);
    this.hasProvenance = hasProvenance;
    this.schema = buildSchema();
  }

  /** The table shape of values of this Avro record schema; fails on shapes a table cannot hold. */
  public static FlatSchema of(Schema valueSchema) {
    if (valueSchema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException("Topic values must be Avro records, not " + valueSchema.getType());
    }
    List<ValueColumn> columns = new ArrayList<>();
    flatten(valueSchema.getFields(), "", List.of(), false, 0, columns);
    return new FlatSchema(valueSchema, columns, isProvenance(valueSchema.getField(PROVENANCE_FIELD)));
  }

  public org.apache.iceberg.Schema schema() {
    return schema;
  }

  public Schema valueSchema() {
    return valueSchema;
  }

  /** Converts values into rows of {@code tableSchema}, which must hold every column of this shape. */
  public RowMapper rowMapper(org.apache.iceberg.Schema tableSchema) {
    return new RowMapper(this, tableSchema);
  }

  List<ValueColumn> valueColumns() {
    return valueColumns;
  }

  boolean hasProvenance() {
    return hasProvenance;
  }

  /** The schema inside a {@code ["null", X]} union, or the schema itself. */
  static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    List<Schema> types = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
    return types.size() == 1 ? types.get(0) : schema;
  }

  private static void flatten(
      List<Schema.Field> fields, String prefix, List<String> path, boolean parentOptional, int depth,
      List<ValueColumn> out) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("Records nested deeper than " + MAX_DEPTH + " levels (recursive schema?) at "
          + String.join(".", path));
    }
    for (Schema.Field field : fields) {
      Schema inner = nonNull(field.schema());
      boolean optional = parentOptional || AvroSchemaUtil.isOptionSchema(field.schema());
      List<String> fieldPath = new ArrayList<>(path);
      fieldPath.add(field.name());
      if (inner.getType() == Schema.Type.RECORD) {
        flatten(inner.getFields(), prefix + field.name() + "_", fieldPath, optional, depth + 1, out);
      } else {
        out.add(new ValueColumn(prefix + field.name(), List.copyOf(fieldPath), field.schema(), leafType(field),
            optional, field.doc()));
      }
    }
  }

  private static Type leafType(Schema.Field field) {
    Schema schema = nonNull(field.schema());
    if (schema.getType() == Schema.Type.UNION) {
      throw new IllegalArgumentException("Field " + field.name() + " is a union of several types: tables cannot "
          + "hold it as one column");
    }
    LogicalType logical = schema.getLogicalType();
    if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros) {
      return Types.TimestampType.withZone();
    }
    if (logical instanceof LogicalTypes.LocalTimestampMillis || logical instanceof LogicalTypes.LocalTimestampMicros) {
      return Types.TimestampType.withoutZone();
    }
    return AvroSchemaUtil.convert(schema);
  }

  private static boolean isProvenance(Schema.Field field) {
    if (field == null || nonNull(field.schema()).getType() != Schema.Type.RECORD) {
      return false;
    }
    Schema record = nonNull(field.schema());
    return record.getField("bucket") != null && record.getField("key") != null && record.getField("line") != null;
  }

  private org.apache.iceberg.Schema buildSchema() {
    AtomicInteger ids = new AtomicInteger();
    List<NestedField> fields = new ArrayList<>();
    for (ValueColumn column : valueColumns) {
      int id = ids.incrementAndGet();
      Type type = TypeUtil.assignFreshIds(column.type(), ids::incrementAndGet);
      fields.add(column.optional()
          ? NestedField.optional(id, column.name(), type, column.doc())
          : NestedField.required(id, column.name(), type, column.doc()));
    }
    if (hasProvenance) {
      fields.add(NestedField.optional(ids.incrementAndGet(), SOURCE_URI, Types.StringType.get(),
          "Source line of the row: s3://bucket/key#line."));
    }
    fields.add(NestedField.required(ids.incrementAndGet(), KAFKA_TOPIC, Types.StringType.get(),
        "Kafka topic the row was read from."));
    fields.add(NestedField.required(ids.incrementAndGet(), KAFKA_PARTITION, Types.IntegerType.get(),
        "Kafka partition the row was read from."));
    fields.add(NestedField.required(ids.incrementAndGet(), KAFKA_OFFSET, Types.LongType.get(),
        "Kafka offset of the record; unique with topic and partition."));
    fields.add(NestedField.optional(ids.incrementAndGet(), KAFKA_KEY, Types.StringType.get(),
        "Kafka record key as UTF-8 text."));
    fields.add(NestedField.optional(ids.incrementAndGet(), KAFKA_TIMESTAMP, Types.TimestampType.withZone(),
        "Kafka record timestamp."));
    Set<String> names = new HashSet<>();
    for (NestedField field : fields) {
      if (!names.add(field.name())) {
        throw new IllegalArgumentException("Column " + field.name() + " appears twice once nested records are "
            + "flattened and lineage columns added; rename the Avro field");
      }
    }
    return new org.apache.iceberg.Schema(fields);
  }
}
