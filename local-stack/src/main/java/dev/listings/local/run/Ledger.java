package dev.listings.local.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;

/**
 * The conservation ledger of a set of source objects, built from the ingest audit events (lines read per object) and
 * the cleaner's ledger records (curated, rejected and duplicate lines per object). Not thread-safe: one reader feeds it.
 */
public final class Ledger {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Lines read and outcomes of one object. {@code linesRead} is -1 until the object's audit event arrives. */
  public record ObjectCounts(
      long linesRead, String status, String error, long curated, long rejected, long duplicates) {
    public long accounted() {
      return curated + rejected + duplicates;
    }

    public boolean complete() {
      return "completed".equals(status) && accounted() == linesRead;
    }

    public boolean failed() {
      return "failed".equals(status);
    }
  }

  private record Audit(long lines, String status, String error) {}

  private record Outcomes(ObjectRef object, long curated, long rejected, long duplicates, Map<String, Long> reasons) {}

  private final Map<ObjectRef, Audit> audits = new HashMap<>();
  private final Map<String, Outcomes> outcomesByRecordKey = new HashMap<>();

  /** Applies an {@code ingest.audit.v1} event. */
  public void applyAudit(byte[] value) {
    JsonNode event = parse(value);
    if (event == null) {
      return;
    }
    ObjectRef object = objectOf(event);
    audits.put(
        object,
        new Audit(event.path("lines").asLong(), event.path("status").asText(), event.path("error").asText(null)));
  }

  /** Applies a {@code listings.ledger.v1} record: the latest value per record key holds cumulative counts. */
  public void applyLedger(String recordKey, byte[] value) {
    if (value == null) {
      outcomesByRecordKey.remove(recordKey);
      return;
    }
    JsonNode counts = parse(value);
    if (counts == null) {
      return;
    }
    Map<String, Long> reasons = new TreeMap<>();
    counts.path("rejected_by_reason").fields().forEachRemaining(e -> reasons.put(e.getKey(), e.getValue().asLong()));
    outcomesByRecordKey.put(
        recordKey,
        new Outcomes(
            objectOf(counts),
            counts.path("curated").asLong(),
            counts.path("rejected").asLong(),
            counts.path("duplicates").asLong(),
            reasons));
  }

  /** Counts per object version, for every object seen in the audit or the ledger. */
  public Map<ObjectRef, ObjectCounts> perObject() {
    Map<ObjectRef, long[]> sums = new HashMap<>();
    for (Outcomes outcomes : outcomesByRecordKey.values()) {
      long[] sum = sums.computeIfAbsent(outcomes.object(), o -> new long[3]);
      sum[0] += outcomes.curated();
      sum[1] += outcomes.rejected();
      sum[2] += outcomes.duplicates();
    }
    Map<ObjectRef, ObjectCounts> result = new HashMap<>();
    for (ObjectRef object : union(audits.keySet(), sums.keySet())) {
      Audit audit = audits.get(object);
      long[] sum = sums.getOrDefault(object, new long[3]);
      result.put(
          object,
          new ObjectCounts(
              audit == null ? -1 : audit.lines(),
              audit == null ? "ingesting" : audit.status(),
              audit == null ? null : audit.error(),
              sum[0],
              sum[1],
              sum[2]));
    }
    return result;
  }

  /** Rejected lines by primary reason, over all objects. */
  public Map<String, Long> rejectedByReason() {
    Map<String, Long> total = new TreeMap<>();
    for (Outcomes outcomes : outcomesByRecordKey.values()) {
      outcomes.reasons().forEach((reason, n) -> total.merge(reason, n, Long::sum));
    }
    return total;
  }

  private static Set<ObjectRef> union(Set<ObjectRef> a, Set<ObjectRef> b) {
    Set<ObjectRef> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private static ObjectRef objectOf(JsonNode node) {
    return new ObjectRef(node.path("bucket").asText(), node.path("key").asText(), node.path("etag").asText());
  }

  private static JsonNode parse(byte[] value) {
    try {
      return value == null ? null : JSON.readTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException("An accounting record is not valid JSON", e);
    }
  }
}
