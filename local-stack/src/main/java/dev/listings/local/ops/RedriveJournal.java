package dev.listings.local.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The re-drive journal, a compacted topic with one record per re-driven line (key: the line's identity {@code
 * s3://bucket/key@etag#line}; value: the latest run that re-drove it), written in the same transaction as the re-driven
 * lines. With it a re-drive sends a line again only when its latest re-drive was rejected again, so a line is never
 * counted twice as re-driven curated or duplicate.
 */
public final class RedriveJournal {
  public static final String TOPIC = "listings.redrives.v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The latest re-drive of a line. */
  public record Entry(String line, String run, Instant at, String reason, boolean corrected) {}

  private final Map<String, Entry> latest = new HashMap<>();

  /** Reads the journal; empty when the topic does not exist yet. */
  public static RedriveJournal read(Cluster cluster, String topic) {
    RedriveJournal journal = new RedriveJournal();
    if (!exists(cluster, topic)) {
      return journal;
    }
    TopicScan.read(cluster, topic, null, record -> {
      String line = new String(record.key(), StandardCharsets.UTF_8);
      if (record.value() == null) {
        journal.latest.remove(line);
        return;
      }
      try {
        JsonNode value = JSON.readTree(record.value());
        journal.latest.put(line, new Entry(line, value.path("run").asText(), parseInstant(value.path("at").asText()),
            value.path("reason").asText(null), value.path("corrected").asBoolean(false)));
      } catch (IOException e) {
        throw new OpsException("A record of " + topic + " is not JSON: " + e.getMessage(), e);
      }
    });
    return journal;
  }

  /** Records a re-drive of a line (as reading the journal topic does). */
  void put(Entry entry) {
    latest.put(entry.line(), entry);
  }

  public Optional<Entry> latest(String line) {
    return Optional.ofNullable(latest.get(line));
  }

  public Map<String, Entry> all() {
    return Map.copyOf(latest);
  }

  static byte[] value(String line, String run, Instant at, String reason, boolean corrected) {
    ObjectNode node = JSON.createObjectNode();
    node.put("redrive_of", line);
    node.put("run", run);
    node.put("at", at.toString());
    node.put("reason", reason);
    node.put("corrected", corrected);
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Creates the journal topic (compacted, one partition) when missing. */
  static void ensureTopic(Cluster cluster, String topic) {
    try (Admin admin = cluster.admin()) {
      if (admin.listTopics().names().get().contains(topic)) {
        return;
      }
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())
          .configs(Map.of("cleanup.policy", "compact")))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new OpsException("Cannot create the re-drive journal " + topic + ": " + e.getCause(), e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpsException("Interrupted", e);
    }
  }

  static boolean exists(Cluster cluster, String topic) {
    try (Admin admin = cluster.admin()) {
      return admin.listTopics().names().get().contains(topic);
    } catch (ExecutionException e) {
      throw new OpsException("Cannot list topics on " + cluster.bootstrapServers() + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpsException("Interrupted", e);
    }
  }

  private static Instant parseInstant(String text) {
    try {
      return Instant.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
