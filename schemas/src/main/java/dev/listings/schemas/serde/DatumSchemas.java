package dev.listings.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.util.Utf8;

/** The Avro schema of a value to write: its own schema for records, the primitive schema for plain Java values. */
final class DatumSchemas {
  private static final Schema STRING = Schema.create(Schema.Type.STRING);
  private static final Schema INT = Schema.create(Schema.Type.INT);
  private static final Schema LONG = Schema.create(Schema.Type.LONG);
  private static final Schema FLOAT = Schema.create(Schema.Type.FLOAT);
  private static final Schema DOUBLE = Schema.create(Schema.Type.DOUBLE);
  private static final Schema BOOLEAN = Schema.create(Schema.Type.BOOLEAN);
  private static final Schema BYTES = Schema.create(Schema.Type.BYTES);

  private DatumSchemas() {}

  static Schema of(Object datum) {
    if (datum instanceof GenericContainer container) {
      return container.getSchema();
    } else if (datum instanceof CharSequence) {
      return STRING;
    } else if (datum instanceof Integer) {
      return INT;
    } else if (datum instanceof Long) {
      return LONG;
    } else if (datum instanceof Float) {
      return FLOAT;
    } else if (datum instanceof Double) {
      return DOUBLE;
    } else if (datum instanceof Boolean) {
      return BOOLEAN;
    } else if (datum instanceof byte[] || datum instanceof ByteBuffer) {
      return BYTES;
    }
    throw new IllegalArgumentException("No Avro schema for values of " + datum.getClass().getName()
        + ": write an Avro record (specific or generic) or a primitive");
  }

  /** The value in the form Avro's datum writers expect ({@code byte[]} as a ByteBuffer). */
  static Object forWriting(Object datum) {
    return datum instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : datum;
  }

  /** A primitive read back in plain Java form, as Confluent's deserializer returns it. */
  static Object forReading(Object value) {
    if (value instanceof Utf8 utf8) {
      return utf8.toString();
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    }
    return value;
  }
}
