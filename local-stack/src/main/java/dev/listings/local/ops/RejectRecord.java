package dev.listings.local.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.cleaner.streams.Redrive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One reject record as read from the rejects topic (or from a file of them): the JSON fields, the headers and where it
 * is in the topic.
 *
 * @param topic topic, or null when read from a file
 * @param headers the record's headers, last value per name
 * @param json the record's JSON value
 */
public record RejectRecord(String topic, int partition, long offset, long timestamp, String key,
    Map<String, String> headers, JsonNode json) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public RejectRecord {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public static RejectRecord of(ConsumerRecord<byte[], byte[]> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
    }
    JsonNode json;
    try {
      json = record.value() == null ? JSON.createObjectNode() : JSON.readTree(record.value());
    } catch (IOException e) {
      json = JSON.createObjectNode().put("reason", "UNREADABLE").put("message", "not JSON: " + e.getMessage())
          .put("raw", new String(record.value(), StandardCharsets.UTF_8));
    }
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    return new RejectRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), key, headers,
        json);
  }

  /** A reject record as written by {@code rejects list --json}, e.g. with a corrected {@code raw}. */
  public static RejectRecord fromJson(String line) {
    try {
      JsonNode json = JSON.readTree(line);
      if (json == null || !json.isObject()) {
        throw new OpsException("not a JSON object");
      }
      return new RejectRecord(null, -1, -1, -1, null, Map.of(), json);
    } catch (IOException e) {
      throw new OpsException("not JSON: " + e.getMessage(), e);
    }
  }

  public String reason() {
    return text(json, "reason");
  }

  public List<String> reasons() {
    List<String> reasons = new ArrayList<>();
    json.path("reasons").forEach(r -> reasons.add(r.asText()));
    return reasons;
  }

  public String message() {
    return text(json, "message");
  }

  public String id() {
    return text(json, "id");
  }

  public String raw() {
    return text(json, "raw");
  }

  public boolean rawTruncated() {
    return json.path("raw_truncated").asBoolean(false);
  }

  public String bucket() {
    return text(json.path("provenance"), "bucket");
  }

  public String objectKey() {
    return text(json.path("provenance"), "key");
  }

  public String etag() {
    return text(json.path("provenance"), "etag");
  }

  /** 1-based line, or null. */
  public Long line() {
    JsonNode line = json.path("provenance").path("line");
    return line.isIntegralNumber() ? line.asLong() : null;
  }

  public String format() {
    return text(json.path("provenance"), "format");
  }

  public Instant ingestedAt() {
    return instant(text(json.path("provenance"), "ingested_at"));
  }

  /** When the cleaner rejected it; the record timestamp when the field is missing. */
  public Instant rejectedAt() {
    Instant at = instant(text(json, "rejected_at"));
    return at != null ? at : timestamp >= 0 ? Instant.ofEpochMilli(timestamp) : null;
  }

  public String rulesVersion() {
    return text(json, "rules_version");
  }

  /** True for a record an exception handler routed (it has an {@code error}). */
  public boolean handlerRouted() {
    return json.path("error").isObject();
  }

  /** {@code s3://bucket/key}, or null when unknown. */
  public String object() {
    return bucket() == null || objectKey() == null ? null : "s3://" + bucket() + "/" + objectKey();
  }

  /** {@code s3://bucket/key@etag#line}: the line's identity, what a re-drive names in {@code redrive.of}. */
  public String lineIdentity() {
    return object() == null || line() == null ? null
        : object() + "@" + (etag() == null ? "" : etag()) + "#" + line();
  }

  /** The re-drive run that produced this reject, or null when it is a first judgment. */
  public String redriveRun() {
    if (headers.get(Redrive.OF) == null) {
      return null;
    }
    String id = headers.get(Redrive.ID);
    return id == null || id.isBlank() ? Redrive.UNNAMED_RUN : id;
  }

  /** Where it is in the topic, {@code topic-partition@offset}. */
  public String position() {
    return topic == null ? "-" : topic + "-" + partition + "@" + offset;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isNull() || value.isMissingNode() ? null : value.asText();
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
