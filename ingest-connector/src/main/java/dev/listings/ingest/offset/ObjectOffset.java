package dev.listings.ingest.offset;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Connect source offset of one object, stored under the source partition {@code {bucket, key}}: which version
 * ({@code etag}) it describes, the last line sent ({@code line}, 1-based; 0 before the first), the stream position
 * just after that line ({@code position}: bytes of the stored object, or of the decompressed content for gzip), the
 * records sent so far, the object's stored size, when its ingestion started, and whether it is {@code done} (its
 * audit event was sent). Numbers are stored as longs; stored offsets are type-checked when read.
 */
public record ObjectOffset(
    String etag, long line, long position, long records, long size, long startedAt, boolean done) {
  public static final String BUCKET = "bucket";
  public static final String KEY = "key";
  public static final String ETAG = "etag";
  public static final String LINE = "line";
  public static final String POSITION = "position";
  public static final String RECORDS = "records";
  public static final String SIZE = "size";
  public static final String STARTED_AT = "started_at";
  public static final String DONE = "done";

  public ObjectOffset {
    if (etag == null || etag.isEmpty()) {
      throw new IllegalArgumentException("An offset needs the object's ETag");
    }
    if (line < 0 || position < 0 || records < 0 || size < 0) {
      throw new IllegalArgumentException("Offset numbers cannot be negative");
    }
  }

  /** The offset of an object whose ingestion starts now, before its first line. */
  public static ObjectOffset start(String etag, long size, long startedAt) {
    return new ObjectOffset(etag, 0, 0, 0, Math.max(size, 0), startedAt, false);
  }

  /**
   * The source partition of an object: its identity in the bucket, the same for all its versions. Connect stores
   * offsets under the serialized partition, whose fields follow the map's iteration order, so that order is fixed
   * (bucket, then key): a map whose order varies from one JVM to the next ({@code Map.of}) would make a restarted
   * worker miss every stored offset.
   */
  public static Map<String, String> partition(String bucket, String key) {
    Map<String, String> partition = new LinkedHashMap<>(4);
    partition.put(BUCKET, bucket);
    partition.put(KEY, key);
    return Collections.unmodifiableMap(partition);
  }

  /** The offset after one more record: line {@code lineNumber}, ending at {@code endPosition}. */
  public ObjectOffset after(long lineNumber, long endPosition, long knownSize) {
    return new ObjectOffset(etag, lineNumber, endPosition, records + 1, knownSize, startedAt, false);
  }

  /** The offset of the version once its audit event is sent; {@code knownSize} is its stored size. */
  public ObjectOffset finished(long knownSize) {
    return new ObjectOffset(etag, line, position, records, Math.max(size, knownSize), startedAt, true);
  }

  public Map<String, Object> toMap() {
    Map<String, Object> map = new HashMap<>(10);
    map.put(ETAG, etag);
    map.put(LINE, line);
    map.put(POSITION, position);
    map.put(RECORDS, records);
    map.put(SIZE, size);
    map.put(STARTED_AT, startedAt);
    map.put(DONE, done);
    return map;
  }

  /**
   * Reads a stored offset; {@code null} stays {@code null} (never ingested, or reset).
   *
   * @throws ConnectException when a field is missing or of the wrong type, naming it
   */
  public static ObjectOffset fromMap(Map<String, ?> map) {
    if (map == null) {
      return null;
    }
    try {
      return new ObjectOffset(
          string(map, ETAG),
          number(map, LINE),
          number(map, POSITION),
          number(map, RECORDS),
          number(map, SIZE),
          number(map, STARTED_AT),
          bool(map, DONE));
    } catch (ConnectException | IllegalArgumentException e) {
      throw new ConnectException("Source offset " + map + " is not valid: " + e.getMessage());
    }
  }

  /** Checks a source partition's shape, as offsets altered through the REST API must have it. */
  public static void checkPartition(Map<String, ?> partition) {
    if (partition == null) {
      throw new ConnectException("A source partition cannot be null");
    }
    string(partition, BUCKET);
    string(partition, KEY);
    if (partition.size() != 2) {
      throw new ConnectException("A source partition has exactly the fields bucket and key, not " + partition.keySet());
    }
  }

  private static String string(Map<String, ?> map, String field) {
    Object value = map.get(field);
    if (!(value instanceof String text) || text.isEmpty()) {
      throw new ConnectException("Field '" + field + "' must be a non-empty string, found " + describe(value));
    }
    return text;
  }

  private static long number(Map<String, ?> map, String field) {
    Object value = map.get(field);
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    throw new ConnectException("Field '" + field + "' must be a whole number, found " + describe(value));
  }

  private static boolean bool(Map<String, ?> map, String field) {
    Object value = map.get(field);
    if (value instanceof Boolean flag) {
      return flag;
    }
    throw new ConnectException("Field '" + field + "' must be true or false, found " + describe(value));
  }

  private static String describe(Object value) {
    return value == null ? "nothing" : value.getClass().getSimpleName() + " " + value;
  }
}
