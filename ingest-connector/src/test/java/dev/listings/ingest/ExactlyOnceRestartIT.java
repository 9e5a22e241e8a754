package dev.listings.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.ingest.testing.IngestStack;
import dev.listings.ingest.testing.LineLedger;
import dev.listings.ingest.testing.Listings;
import dev.listings.ingest.testing.TopicReader;
import dev.listings.schemas.ProvenanceHeaders;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exactly-once across worker restarts, checked line by line on committed records (read_committed). */
@Tag("integration")
class ExactlyOnceRestartIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int LINES = 200_000;

  @TempDir static Path dir;
  private static IngestStack stack;

  @BeforeAll
  static void start() throws IOException {
    stack = IngestStack.start(dir);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void sendsEveryLineOfLargeObjectsExactlyOnceAcrossAWorkerRestartInTheirMiddle() throws Exception {
    byte[] content = Listings.bytes(LINES);
    stack.put("big/plain.jsonl", content);
    stack.put("big/zipped.jsonl.gz", ListingIngestIT.gzip(content));
    Map<String, String> config = stack.connectorConfig("raw-big", "audit-big", "big/");
    config.put("batch.max.records", "1000");
    LineLedger ledger = new LineLedger();
    long beforeRestart;
    try (TopicReader raw = new TopicReader(stack.bootstrapServers(), "raw-big")) {
      stack.worker().createOrReplaceConnector("big", config);
      raw.readUntil(() -> ledger.total() >= LINES / 4, WAIT, ledger::accept);
      stack.restartWorker();
      beforeRestart = ledger.total();
      stack.worker().awaitRunning("big");
      raw.readUntil(() -> ledger.total() >= 2L * LINES, WAIT, ledger::accept);
      raw.readFor(Duration.ofSeconds(1), ledger::accept);
    }

    assertThat(beforeRestart).as("the worker stopped in the middle").isLessThan(2L * LINES);
    assertThat(ledger.duplicates()).isZero();
    assertThat(ledger.problems()).isEmpty();
    assertThat(ledger.missing("s3://landing/big/plain.jsonl", LINES)).isEmpty();
    assertThat(ledger.missing("s3://landing/big/zipped.jsonl.gz", LINES)).isEmpty();
    assertThat(ledger.total()).isEqualTo(2L * LINES);
    assertThat(audits("audit-big", 2)).allSatisfy(a -> {
      assertThat(a.get("lines").asLong()).isEqualTo(LINES);
      assertThat(a.get("status").asText()).isEqualTo("completed");
    });
  }

  @Test
  void ingestsAReuploadedObjectWithANewEtagAgainAndTheSameVersionOnlyOnce() throws Exception {
    String first = stack.put("again/a.jsonl", Listings.bytes(100));
    stack.worker().createOrReplaceConnector("again", stack.connectorConfig("raw-again", "audit-again", "again/"));
    assertThat(audits("audit-again", 1)).hasSize(1);

    assertThat(stack.put("again/a.jsonl", Listings.bytes(100))).as("same bytes, same ETag").isEqualTo(first);
    stack.restartWorker();
    stack.worker().awaitRunning("again");
    Thread.sleep(2_000); // several listing passes of the restarted task
    String second = stack.put("again/a.jsonl", Listings.bytes(150));

    List<JsonNode> audits = audits("audit-again", 2);
    assertThat(audits).extracting(a -> a.get("etag").asText()).containsExactly(first, second);
    assertThat(audits).extracting(a -> a.get("lines").asLong()).containsExactly(100L, 150L);
    try (TopicReader raw = new TopicReader(stack.bootstrapServers(), "raw-again")) {
      List<ConsumerRecord<String, byte[]>> records = raw.read(250, WAIT);
      assertThat(records).hasSize(250);
      assertThat(records).filteredOn(r -> ListingIngestIT.header(r, ProvenanceHeaders.SOURCE_ETAG).equals(second))
          .hasSize(150);
    }
  }

  private static List<JsonNode> audits(String topic, int count) throws IOException {
    List<JsonNode> audits = new ArrayList<>();
    try (TopicReader reader = new TopicReader(stack.bootstrapServers(), topic)) {
      for (ConsumerRecord<String, byte[]> record : reader.read(count, WAIT)) {
        audits.add(JSON.readTree(record.value()));
      }
    }
    assertThat(audits).hasSize(count);
    return audits;
  }
}
