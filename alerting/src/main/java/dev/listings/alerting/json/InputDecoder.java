package dev.listings.alerting.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.alerting.model.AppErrorEvent;
import dev.listings.alerting.model.AuditEvent;
import dev.listings.alerting.model.LedgerUpdate;
import dev.listings.alerting.model.ObjectRef;
import dev.listings.alerting.model.RejectEvent;
import dev.listings.schemas.ProvenanceHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reads the alerting's input records (JSON values; see the module README for the formats). Tolerant where the
 * producers may differ: a reject's provenance is read from {@code source} or {@code provenance}, else from its
 * headers; a missing event time falls back to the record's timestamp.
 */
public final class InputDecoder {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String UNKNOWN_REASON = "UNKNOWN";

  private InputDecoder() {}

  public static RejectEvent reject(byte[] value, Headers headers, long recordTimestamp) throws InvalidInputException {
    JsonNode json = object(value);
    JsonNode source = json.hasNonNull("source") ? json.get("source") : json.path("provenance");
    String bucket = firstNonNull(text(source, "bucket"), header(headers, ProvenanceHeaders.SOURCE_BUCKET));
    String key = firstNonNull(text(source, "key"), header(headers, ProvenanceHeaders.SOURCE_KEY));
    String reason = firstNonNull(text(json, "reason"), header(headers, ProvenanceHeaders.REJECT_REASON));
    return new RejectEvent(time(json, "rejected_at", recordTimestamp), bucket, key,
        reason == null ? UNKNOWN_REASON : reason);
  }

  public static AuditEvent audit(byte[] value, long recordTimestamp) throws InvalidInputException {
    JsonNode json = object(value);
    String bucket = text(json, "bucket");
    String key = text(json, "key");
    String status = text(json, "status");
    if (bucket == null || key == null || status == null || !json.path("lines").canConvertToLong()) {
      throw new InvalidInputException("an audit event needs bucket, key, lines and status");
    }
    boolean failed = switch (status.toLowerCase(Locale.ROOT)) {
      case "completed" -> false;
      case "failed" -> true;
      default -> throw new InvalidInputException("unknown audit status '" + status + "'");
    };
    return new AuditEvent(new ObjectRef(bucket, key, text(json, "etag")), json.get("lines").asLong(),
        json.path("bytes").asLong(0), time(json, "finished_at", recordTimestamp), failed, text(json, "error"));
  }

  public static LedgerUpdate ledger(String ledgerKey, byte[] value, long recordTimestamp)
      throws InvalidInputException {
    if (ledgerKey == null) {
      throw new InvalidInputException("a ledger record needs a key");
    }
    JsonNode json = object(value);
    ObjectRef object = new ObjectRef(text(json, "bucket"), text(json, "key"), text(json, "etag"));
    return new LedgerUpdate(ledgerKey, object, count(json, "curated"), count(json, "rejected"),
        count(json, "duplicates"), Instant.ofEpochMilli(recordTimestamp));
  }

  public static AppErrorEvent appError(byte[] value, long recordTimestamp) throws InvalidInputException {
    JsonNode json = object(value);
    String app = text(json, "app");
    String kind = text(json, "kind");
    if (app == null || app.isBlank() || kind == null || kind.isBlank()) {
      throw new InvalidInputException("an app error event needs app and kind");
    }
    return new AppErrorEvent(app, kind.strip().toUpperCase(Locale.ROOT), text(json, "message"),
        time(json, "at", recordTimestamp), text(json, "instance"));
  }

  private static JsonNode object(byte[] value) throws InvalidInputException {
    if (value == null) {
      throw new InvalidInputException("empty value");
    }
    try {
      JsonNode json = JSON.readTree(value);
      if (json == null || !json.isObject()) {
        throw new InvalidInputException("not a JSON object");
      }
      return json;
    } catch (IOException e) {
      throw new InvalidInputException("not JSON: " + e.getMessage(), e);
    }
  }

  private static long count(JsonNode json, String field) throws InvalidInputException {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return 0;
    }
    if (!node.canConvertToLong()) {
      throw new InvalidInputException("'" + field + "' is not a whole number");
    }
    return node.asLong();
  }

  private static Instant time(JsonNode json, String field, long fallbackMillis) {
    String text = text(json, field);
    if (text != null) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        try {
          return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
          // neither form: fall back to the record's timestamp
        }
      }
    }
    return Instant.ofEpochMilli(fallbackMillis);
  }

  private static String text(JsonNode json, String field) {
    JsonNode node = json.get(field);
    return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
  }

  private static String header(Headers headers, String name) {
    Header header = headers == null ? null : headers.lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
