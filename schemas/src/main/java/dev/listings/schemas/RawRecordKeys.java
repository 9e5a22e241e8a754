package dev.listings.schemas;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The key of a raw record: the listing id when the line is a JSON object whose top-level {@code id} is non-blank text
 * (trimmed) or an integer, else the source object's URI. Keying raw lines by listing id puts every version of a
 * listing on one partition, so the cleaner deduplicates without re-partitioning; the key is only a partitioning hint,
 * the line itself is untouched and still judged in full. A line whose key is not its id (another producer, a
 * malformed line) is still handled correctly: the cleaner re-keys it through its own repartition topic.
 */
public final class RawRecordKeys {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private RawRecordKeys() {}

  /** The record key of {@code line}: its listing id when it has one, else {@code objectUri}. */
  public static String of(byte[] line, String objectUri) {
    String id = listingId(line);
    return id != null ? id : objectUri;
  }

  /**
   * The top-level {@code id} of a JSON object line, read with a streaming parser that stops at the field: trimmed
   * non-blank text, or an integer's digits; null for anything else (not JSON, not an object, no such field).
   */
  public static String listingId(byte[] line) {
    if (line == null || line.length == 0) {
      return null;
    }
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
        boolean isId = "id".equals(parser.currentName());
        JsonToken value = parser.nextToken();
        if (isId) {
          return idText(parser, value);
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** True when a raw record's key bytes are exactly {@code listingId} in UTF-8, as {@link #of} writes it. */
  public static boolean isKeyedBy(byte[] recordKey, String listingId) {
    return recordKey != null && Arrays.equals(recordKey, listingId.getBytes(StandardCharsets.UTF_8));
  }

  private static String idText(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      String text = parser.getText().strip();
      return text.isEmpty() ? null : text;
    }
    if (value == JsonToken.VALUE_NUMBER_INT) {
      return parser.getBigIntegerValue().toString();
    }
    return null;
  }
}
