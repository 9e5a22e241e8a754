package dev.listings.schemas.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Parsing and canonical text of Avro schemas as the registry sees them. The canonical text is Avro's own compact
 * rendering of the parsed schema (as Confluent's {@code AvroSchema.canonicalString()}), so the same schema written with
 * other whitespace or key order maps to the same registry id.
 */
public final class AvroSchemas {
  /** Property the Avro Java code generator adds to string types ({@code stringType=String}). */
  public static final String JAVA_STRING_PROPERTY = "avro.java.string";

  private static final ObjectMapper JSON = new ObjectMapper();

  private AvroSchemas() {}

  /** Parses schema text with default validation; error code 42201 when it is not a valid Avro schema. */
  public static Schema parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid("Empty schema", null);
    }
    try {
      return new Schema.Parser().setValidateDefaults(true).parse(text);
    } catch (SchemaParseException | IllegalArgumentException e) {
      throw invalid("Invalid schema: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw invalid("Invalid schema: " + e, e);
    }
  }

  public static String canonical(Schema schema) {
    return schema.toString();
  }

  /** The schema without the Java-only {@value #JAVA_STRING_PROPERTY} properties (avro.remove.java.properties). */
  public static Schema withoutJavaProperties(Schema schema) {
    try {
      JsonNode tree = JSON.readTree(schema.toString());
      return parse(JSON.writeValueAsString(strip(tree)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Avro rendered a schema that is not JSON", e);
    }
  }

  private static JsonNode strip(JsonNode node) {
    if (node.isObject()) {
      ((ObjectNode) node).remove(JAVA_STRING_PROPERTY);
      JsonNode type = node.get("type");
      // {"type":"string","avro.java.string":"String"} becomes the plain "string" Avro would otherwise write.
      if (node.size() == 1 && type != null && type.isTextual()) {
        return type;
      }
      for (Iterator<java.util.Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        var field = it.next();
        field.setValue(strip(field.getValue()));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, strip(node.get(i)));
      }
    }
    return node;
  }

  private static SchemaRegistryException invalid(String message, Throwable cause) {
    return new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA, message, cause);
  }
}
