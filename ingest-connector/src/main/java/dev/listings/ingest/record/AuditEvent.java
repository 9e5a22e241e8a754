package dev.listings.ingest.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The ingest audit event of one object version, sent once when it is done: how many raw records were sent for it
 * ({@code lines}), its stored size ({@code bytes}), when its ingestion started and finished, and whether it
 * completed or failed (with why). It is the left side of the conservation ledger.
 */
public record AuditEvent(
    String bucket,
    String key,
    String etag,
    String format,
    long lines,
    long bytes,
    Instant startedAt,
    Instant finishedAt,
    String error) {
  public static final String COMPLETED = "completed";
  public static final String FAILED = "failed";

  private static final ObjectMapper JSON = new ObjectMapper();

  public String status() {
    return error == null ? COMPLETED : FAILED;
  }

  /** The event as the JSON of the {@code ingest.audit.v1} contract, UTF-8. */
  public byte[] toJson() {
    ObjectNode node = JSON.createObjectNode();
    node.put("bucket", bucket);
    node.put("key", key);
    node.put("etag", etag);
    node.put("format", format);
    node.put("lines", lines);
    node.put("bytes", bytes);
    node.put("started_at", startedAt.toString());
    node.put("finished_at", finishedAt.toString());
    node.put("status", status());
    if (error == null) {
      node.putNull("error");
    } else {
      node.put("error", error);
    }
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write an audit event", e);
    }
  }
}
