package dev.listings.schemas.serde;

import java.io.ByteArrayOutputStream;
import org.apache.kafka.common.errors.SerializationException;

/** Confluent's framing of a registry-encoded record: magic byte 0, the schema id as 4 big-endian bytes, the payload. */
public final class ConfluentWireFormat {
  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_SIZE = 5;

  private ConfluentWireFormat() {}

  static void writeHeader(ByteArrayOutputStream out, int schemaId) {
    out.write(MAGIC_BYTE);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
  }

  /** The schema id of a framed record; {@link SerializationException} when the bytes are not in this format. */
  public static int schemaId(byte[] bytes) {
    if (bytes.length < HEADER_SIZE) {
      throw new SerializationException("Record of " + bytes.length
          + " bytes is too short for the schema registry wire format (magic byte and 4-byte schema id)");
    }
    if (bytes[0] != MAGIC_BYTE) {
      throw new SerializationException(String.format(
          "Unknown magic byte 0x%02x: expected 0x00, the record is not in the schema registry wire format",
          bytes[0] & 0xff));
    }
    return ((bytes[1] & 0xff) << 24) | ((bytes[2] & 0xff) << 16) | ((bytes[3] & 0xff) << 8) | (bytes[4] & 0xff);
  }
}
