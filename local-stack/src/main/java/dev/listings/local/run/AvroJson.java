package dev.listings.local.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Turns Avro records into the plain JSON and CSV that people read: dates as ISO dates, timestamps as ISO instants,
 * unions as their value. Works from the writer's schema, so it serves every topic without generated classes.
 */
public final class AvroJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private AvroJson() {}

  public static ObjectNode toJson(GenericRecord record) {
    ObjectNode node = NODES.objectNode();
    for (Schema.Field field : record.getSchema().getFields()) {
      node.set(field.name(), value(field.schema(), record.get(field.pos())));
    }
    return node;
  }

  /** Flattens nested records into {@code parent.child} columns, in schema order, for CSV. */
  public static Map<String, String> toColumns(GenericRecord record) {
    Map<String, String> columns = new LinkedHashMap<>();
    flatten("", toJson(record), columns);
    return columns;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    node.fields()
        .forEachRemaining(
            e -> {
              String name = prefix + e.getKey();
              if (e.getValue().isObject()) {
                flatten(name + ".", e.getValue(), out);
              } else {
                out.put(name, e.getValue().isNull() ? "" : e.getValue().asText());
              }
            });
  }

  private static JsonNode value(Schema schema, Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    return switch (schema.getType()) {
      case UNION -> value(branchOf(schema, value), value);
      case RECORD -> toJson((GenericRecord) value);
      case INT -> intValue(schema.getLogicalType(), value);
      case LONG -> longValue(schema.getLogicalType(), value);
      case DOUBLE, FLOAT -> NODES.numberNode(((Number) value).doubleValue());
      case BOOLEAN -> NODES.booleanNode((Boolean) value);
      case BYTES -> NODES.binaryNode(bytes(value));
      case ARRAY -> {
        var array = NODES.arrayNode();
        for (Object item : (Iterable<?>) value) {
          array.add(value(schema.getElementType(), item));
        }
        yield array;
      }
      case MAP -> {
        ObjectNode map = NODES.objectNode();
        ((Map<?, ?>) value).forEach((k, v) -> map.set(k.toString(), value(schema.getValueType(), v)));
        yield map;
      }
      default -> NODES.textNode(value.toString());
    };
  }

  private static JsonNode intValue(LogicalType logicalType, Object value) {
    if (value instanceof LocalDate date) {
      return NODES.textNode(date.toString());
    }
    if (logicalType instanceof LogicalTypes.Date) {
      return NODES.textNode(LocalDate.ofEpochDay(((Number) value).longValue()).toString());
    }
    return NODES.numberNode(((Number) value).intValue());
  }

  private static JsonNode longValue(LogicalType logicalType, Object value) {
    if (value instanceof Instant instant) {
      return NODES.textNode(instant.toString());
    }
    if (logicalType instanceof LogicalTypes.TimestampMillis) {
      return NODES.textNode(Instant.ofEpochMilli(((Number) value).longValue()).toString());
    }
    return NODES.numberNode(((Number) value).longValue());
  }

  private static Schema branchOf(Schema union, Object value) {
    for (Schema branch : union.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        if (union.getTypes().size() == 2) {
          return branch;
        }
        int index = new org.apache.avro.generic.GenericData().resolveUnion(union, value);
        return union.getTypes().get(index);
      }
    }
    throw new IllegalArgumentException("No branch of " + union + " holds " + value);
  }

  private static byte[] bytes(Object value) {
    ByteBuffer buffer = ((ByteBuffer) value).duplicate();
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }
}
