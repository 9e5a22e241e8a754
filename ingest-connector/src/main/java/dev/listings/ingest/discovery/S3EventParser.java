package dev.listings.ingest.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of an SQS message carrying S3 events: the S3 event notification JSON ({@code Records}), the
 * EventBridge event ({@code detail-type}), either one wrapped in an SNS notification, and the {@code s3:TestEvent}
 * S3 sends when notifications are configured. Keys arrive URL-encoded (a space as '+') and are decoded.
 */
public final class S3EventParser {
  /** One event about one object; {@code created} is false for removals, restores, tagging and the like. */
  public record S3Event(String bucket, String key, String etag, long size, Instant time, boolean created) {}

  /** What a message holds: a test event, object events, or something this connector does not understand. */
  public record Parsed(Kind kind, List<S3Event> events, String problem) {
    static Parsed unrecognized(String problem) {
      return new Parsed(Kind.UNRECOGNIZED, List.of(), problem);
    }
  }

  public enum Kind {
    TEST_EVENT,
    OBJECT_EVENTS,
    UNRECOGNIZED
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  public Parsed parse(String body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return Parsed.unrecognized("the body is not JSON");
    }
    if (root == null || !root.isObject()) {
      return Parsed.unrecognized("the body is not a JSON object");
    }
    if ("Notification".equals(root.path("Type").asText()) && root.path("Message").isTextual()) {
      return parse(root.path("Message").asText()); // delivered through SNS without raw message delivery
    }
    if ("s3:TestEvent".equals(root.path("Event").asText())) {
      return new Parsed(Kind.TEST_EVENT, List.of(), null);
    }
    if (root.path("Records").isArray()) {
      return notification(root.path("Records"));
    }
    if (root.has("detail-type") && "aws.s3".equals(root.path("source").asText())) {
      return eventBridge(root);
    }
    return Parsed.unrecognized("neither an S3 event notification nor an EventBridge S3 event");
  }

  private static Parsed notification(JsonNode records) {
    List<S3Event> events = new ArrayList<>();
    for (JsonNode record : records) {
      JsonNode s3 = record.path("s3");
      String bucket = s3.path("bucket").path("name").asText("");
      String key = s3.path("object").path("key").asText("");
      if (bucket.isEmpty() || key.isEmpty()) {
        return Parsed.unrecognized("an event record without bucket name or object key");
      }
      boolean created = record.path("eventName").asText("").contains("ObjectCreated:");
      events.add(new S3Event(bucket, decode(key), etag(s3.path("object").path("eTag")),
          s3.path("object").path("size").asLong(-1), time(record.path("eventTime")), created));
    }
    return new Parsed(Kind.OBJECT_EVENTS, events, null);
  }

  private static Parsed eventBridge(JsonNode root) {
    JsonNode detail = root.path("detail");
    String bucket = detail.path("bucket").path("name").asText("");
    String key = detail.path("object").path("key").asText("");
    if (bucket.isEmpty() || key.isEmpty()) {
      return Parsed.unrecognized("an EventBridge S3 event without bucket name or object key");
    }
    boolean created = "Object Created".equals(root.path("detail-type").asText());
    S3Event event = new S3Event(bucket, decode(key), etag(detail.path("object").path("etag")),
        detail.path("object").path("size").asLong(-1), time(root.path("time")), created);
    return new Parsed(Kind.OBJECT_EVENTS, List.of(event), null);
  }

  private static String decode(String key) {
    try {
      return URLDecoder.decode(key, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notEncoded) {
      return key; // a '%' that starts no escape: the key was sent as it is
    }
  }

  private static String etag(JsonNode node) {
    String etag = node.asText("");
    return etag.isEmpty() ? null : etag;
  }

  private static Instant time(JsonNode node) {
    try {
      return node.isTextual() ? Instant.parse(node.asText()) : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
