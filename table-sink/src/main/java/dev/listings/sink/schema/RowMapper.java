package dev.listings.sink.schema;

import dev.listings.sink.schema.FlatSchema.ValueColumn;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types.NestedField;

/**
 * Turns Avro record values into Iceberg rows of one table schema. The table schema may hold more columns than the
 * value (added by a later version of the topic's schema, or by hand): those stay null. Every column of the value's
 * shape must exist in the table; the sink evolves the table before it writes.
 */
public final class RowMapper {
  private final FlatSchema shape;
  private final Record template;
  private final int[] valuePositions;
  private final org.apache.iceberg.types.Type[] valueTypes;
  private final int sourceUriPosition;
  private final int topicPosition;
  private final int partitionPosition;
  private final int offsetPosition;
  private final int keyPosition;
  private final int timestampPosition;

  RowMapper(FlatSchema shape, Schema tableSchema) {
    this.shape = shape;
    this.template = org.apache.iceberg.data.GenericRecord.create(tableSchema);
    List<ValueColumn> columns = shape.valueColumns();
    this.valuePositions = new int[columns.size()];
    this.valueTypes = new org.apache.iceberg.types.Type[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      valuePositions[i] = position(tableSchema, columns.get(i).name());
      // the table's type, which may have been widened (int to long, float to double) by a later schema
      valueTypes[i] = tableSchema.columns().get(valuePositions[i]).type();
    }
    this.sourceUriPosition = shape.hasProvenance() ? position(tableSchema, FlatSchema.SOURCE_URI) : -1;
    this.topicPosition = position(tableSchema, FlatSchema.KAFKA_TOPIC);
    this.partitionPosition = position(tableSchema, FlatSchema.KAFKA_PARTITION);
    this.offsetPosition = position(tableSchema, FlatSchema.KAFKA_OFFSET);
    this.keyPosition = position(tableSchema, FlatSchema.KAFKA_KEY);
    this.timestampPosition = position(tableSchema, FlatSchema.KAFKA_TIMESTAMP);
  }

  /** The row for one Kafka record's value. */
  public Record toRow(GenericRecord value, Lineage lineage) {
    Record row = template.copy();
    List<ValueColumn> columns = shape.valueColumns();
    for (int i = 0; i < columns.size(); i++) {
      ValueColumn column = columns.get(i);
      Object raw = valueAt(value, column.path());
      if (raw == null && !column.optional()) {
        throw new IllegalArgumentException("Required field " + String.join(".", column.path()) + " is null");
      }
      row.set(valuePositions[i], AvroValues.toIceberg(raw, column.avro(), valueTypes[i]));
    }
    if (sourceUriPosition >= 0) {
      row.set(sourceUriPosition, sourceUri(value.get(FlatSchema.PROVENANCE_FIELD)));
    }
    row.set(topicPosition, lineage.topic());
    row.set(partitionPosition, lineage.partition());
    row.set(offsetPosition, lineage.offset());
    row.set(keyPosition, lineage.key());
    row.set(timestampPosition,
        lineage.timestampMillis() < 0 ? null
            : OffsetDateTime.ofInstant(Instant.ofEpochMilli(lineage.timestampMillis()), ZoneOffset.UTC));
    return row;
  }

  /** {@code s3://bucket/key#line} of a provenance record, or null when the value has none. */
  static String sourceUri(Object provenance) {
    if (!(provenance instanceof GenericRecord source)) {
      return null;
    }
    return "s3://" + source.get("bucket") + "/" + source.get("key") + "#" + source.get("line");
  }

  private static Object valueAt(GenericRecord value, List<String> path) {
    Object current = value;
    for (String name : path) {
      if (current == null) {
        return null;
      }
      current = ((GenericRecord) current).get(name);
    }
    return current;
  }

  private static int position(Schema tableSchema, String column) {
    List<NestedField> fields = tableSchema.columns();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalStateException("Table has no column " + column + "; its schema must be evolved first");
  }
}
