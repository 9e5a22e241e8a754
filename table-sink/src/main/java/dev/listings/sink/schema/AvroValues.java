package dev.listings.sink.schema;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Converts one Avro value, as Avro's specific or generic readers return it, into the Java value Iceberg's generic
 * writers expect for the column type ({@code LocalDate} for dates, {@code OffsetDateTime} for timestamps with zone,
 * {@code ByteBuffer} for binary, Iceberg records for nested structs). Both the logical-type objects of generated
 * classes ({@code LocalDate}, {@code Instant}) and the raw numbers of generic records are accepted.
 */
final class AvroValues {
  private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

  private AvroValues() {}

  static Object toIceberg(Object value, Schema avro, Type type) {
    if (value == null) {
      return null;
    }
    Schema schema = FlatSchema.nonNull(avro);
    return switch (type.typeId()) {
      case STRING -> value.toString();
      case BOOLEAN -> value;
      case INTEGER -> ((Number) value).intValue();
      case LONG -> ((Number) value).longValue();
      case FLOAT -> ((Number) value).floatValue();
      case DOUBLE -> ((Number) value).doubleValue();
      case DATE -> value instanceof LocalDate date ? date : LocalDate.ofEpochDay(((Number) value).longValue());
      case TIME -> time(value, schema.getLogicalType());
      case TIMESTAMP -> timestamp(value, schema.getLogicalType(), ((Types.TimestampType) type).shouldAdjustToUTC());
      case DECIMAL -> decimal(value, schema);
      case UUID -> value instanceof UUID uuid ? uuid : UUID.fromString(value.toString());
      case FIXED -> value instanceof GenericFixed fixed ? fixed.bytes() : value;
      case BINARY -> value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
      case LIST -> list((List<?>) value, schema.getElementType(), type.asListType().elementType());
      case MAP -> map((Map<?, ?>) value, schema.getValueType(), type.asMapType().valueType());
      case STRUCT -> struct((GenericRecord) value, schema, type.asStructType());
      default -> throw new IllegalArgumentException("Iceberg type " + type + " is not written by this sink");
    };
  }

  private static LocalTime time(Object value, LogicalType logical) {
    if (value instanceof LocalTime time) {
      return time;
    }
    long amount = ((Number) value).longValue();
    return logical instanceof LogicalTypes.TimeMillis
        ? LocalTime.ofNanoOfDay(amount * 1_000_000L)
        : LocalTime.ofNanoOfDay(amount * 1_000L);
  }

  private static Object timestamp(Object value, LogicalType logical, boolean withZone) {
    Instant instant;
    if (value instanceof Instant given) {
      instant = given;
    } else if (value instanceof LocalDateTime local) {
      instant = local.toInstant(ZoneOffset.UTC);
    } else {
      long amount = ((Number) value).longValue();
      boolean millis =
          logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.LocalTimestampMillis;
      instant = millis ? Instant.ofEpochMilli(amount) : Instant.EPOCH.plusNanos(amount * 1_000L);
    }
    return withZone
        ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
        : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static BigDecimal decimal(Object value, Schema schema) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    LogicalType logical = schema.getLogicalType();
    if (value instanceof ByteBuffer buffer) {
      return DECIMALS.fromBytes(buffer.duplicate(), schema, logical);
    }
    return DECIMALS.fromFixed((GenericFixed) value, schema, logical);
  }

  private static List<Object> list(List<?> values, Schema elementSchema, Type elementType) {
    List<Object> result = new ArrayList<>(values.size());
    for (Object element : values) {
      result.add(toIceberg(element, elementSchema, elementType));
    }
    return result;
  }

  private static Map<String, Object> map(Map<?, ?> values, Schema valueSchema, Type valueType) {
    Map<String, Object> result = new LinkedHashMap<>();
    values.forEach((k, v) -> result.put(k.toString(), toIceberg(v, valueSchema, valueType)));
    return result;
  }

  private static Record struct(GenericRecord value, Schema schema, Types.StructType type) {
    Record record = org.apache.iceberg.data.GenericRecord.create(type);
    for (Types.NestedField field : type.fields()) {
      Schema.Field avroField = schema.getField(field.name());
      record.setField(field.name(), toIceberg(value.get(field.name()), avroField.schema(), field.type()));
    }
    return record;
  }
}
