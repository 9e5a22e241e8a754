package dev.listings.local.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The cleaner's ledger topic read as its readers must: the latest value per record key, summed. First judgments
 * ({@code curated}, {@code rejected}, {@code duplicates}) per object; re-driven lines ({@code redriven}) per re-drive
 * run, apart, so an object's balance is the same before and after re-drives.
 */
public final class LedgerTotals {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Counts of one kind of outcome. */
  public static final class Counts {
    public long curated;
    public long rejected;
    public long duplicates;
    public final Map<String, Long> rejectedByReason = new TreeMap<>();

    public long total() {
      return curated + rejected + duplicates;
    }

    void add(JsonNode node) {
      curated += node.path("curated").asLong();
      rejected += node.path("rejected").asLong();
      duplicates += node.path("duplicates").asLong();
      node.path("rejected_by_reason").fields()
          .forEachRemaining(e -> rejectedByReason.merge(e.getKey(), e.getValue().asLong(), Long::sum));
    }

    @Override
    public String toString() {
      return "curated=" + curated + " rejected=" + rejected + " duplicates=" + duplicates + " " + rejectedByReason;
    }
  }

  private final Map<String, JsonNode> latest = new HashMap<>();

  /** Reads the whole ledger topic. */
  public static LedgerTotals read(Cluster cluster, String ledgerTopic) {
    LedgerTotals totals = new LedgerTotals();
    TopicScan.read(cluster, ledgerTopic, null, totals::apply);
    return totals;
  }

  public void apply(ConsumerRecord<byte[], byte[]> record) {
    String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
    if (record.value() == null) {
      latest.remove(key);
      return;
    }
    try {
      latest.put(key, JSON.readTree(record.value()));
    } catch (IOException e) {
      throw new OpsException("A ledger record (key " + key + ") is not JSON: " + e.getMessage(), e);
    }
  }

  /** First-judgment counts of every object. */
  public Counts lines() {
    Counts counts = new Counts();
    latest.values().forEach(counts::add);
    return counts;
  }

  /** First-judgment counts per object, {@code s3://bucket/key@etag}. */
  public Map<String, Counts> byObject() {
    Map<String, Counts> byObject = new TreeMap<>();
    latest.values().forEach(v -> byObject.computeIfAbsent(object(v), o -> new Counts()).add(v));
    return byObject;
  }

  /** Re-driven lines' counts of every run. */
  public Counts redriven() {
    Counts counts = new Counts();
    latest.values().forEach(v -> counts.add(v.path("redriven")));
    return counts;
  }

  /** Re-driven lines' counts of one run. */
  public Counts redriven(String run) {
    Counts counts = new Counts();
    latest.values().stream().filter(v -> run.equals(v.path("redrive_run").asText(null)))
        .forEach(v -> counts.add(v.path("redriven")));
    return counts;
  }

  /** Re-driven lines' counts per run. */
  public Map<String, Counts> redrivenByRun() {
    Map<String, Counts> byRun = new TreeMap<>();
    latest.values().stream().filter(v -> v.hasNonNull("redrive_run"))
        .forEach(v -> byRun.computeIfAbsent(v.path("redrive_run").asText(), r -> new Counts()).add(v.path("redriven")));
    return byRun;
  }

  static String object(JsonNode value) {
    return "s3://" + value.path("bucket").asText() + "/" + value.path("key").asText() + "@"
        + value.path("etag").asText();
  }
}
