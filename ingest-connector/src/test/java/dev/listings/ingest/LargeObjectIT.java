package dev.listings.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.ingest.testing.HeapWatch;
import dev.listings.ingest.testing.IngestStack;
import dev.listings.ingest.testing.LineLedger;
import dev.listings.ingest.testing.Listings;
import dev.listings.ingest.testing.TopicReader;
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

/**
 * An object larger than the whole heap of the JVM that runs the broker, S3, the Connect worker and this test
 * (Failsafe runs it with {@code -Xmx384m}) is streamed: generated and uploaded as a stream, read by the connector as
 * a stream, and checked line by line as the records stream past. Holding the object, or a large part of it, anywhere
 * in this JVM would fail with an {@link OutOfMemoryError}.
 */
@Tag("integration")
class LargeObjectIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(180);
  private static final int WIDTH = 1024;
  private static final int LINES = 420_000;
  private static final String KEY = "large/listings.jsonl";

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
  void streamsAnObjectLargerThanTheHeapLineByLine() throws Exception {
    long size = Listings.size(LINES, WIDTH);
    assertThat(size).as("object size against the heap").isGreaterThan(Runtime.getRuntime().maxMemory());
    LineLedger ledger = new LineLedger(Listings.lines(WIDTH));
    try (HeapWatch heap = HeapWatch.start()) {
      String etag = stack.put(KEY, () -> Listings.stream(LINES, WIDTH), size);
      Map<String, String> config = stack.connectorConfig("raw-large", "audit-large", "large/");
      stack.worker().createOrReplaceConnector("large", config);
      try (TopicReader raw = new TopicReader(stack.bootstrapServers(), "raw-large")) {
        raw.readUntil(() -> ledger.total() >= LINES, WAIT, ledger::accept);
        raw.readToEnd(WAIT, ledger::accept);
      }
      List<JsonNode> audits = auditsToEnd("audit-large");
      System.out.printf("Streamed %d MiB in %d lines; heap: max %d MiB, peak used %d MiB, peak live %d MiB%n",
          size >> 20, LINES, Runtime.getRuntime().maxMemory() >> 20, heap.peakUsed() >> 20, heap.peakLive() >> 20);

      assertThat(ledger.missing("s3://landing/" + KEY, LINES)).isEmpty();
      assertThat(ledger.duplicates()).isZero();
      assertThat(ledger.problems()).isEmpty();
      assertThat(ledger.total()).isEqualTo(LINES);
      assertThat(audits).singleElement().satisfies(a -> {
        assertThat(a.get("etag").asText()).isEqualTo(etag);
        assertThat(a.get("lines").asLong()).isEqualTo(LINES);
        assertThat(a.get("bytes").asLong()).isEqualTo(size);
        assertThat(a.get("status").asText()).isEqualTo("completed");
      });
    }
  }

  private static List<JsonNode> auditsToEnd(String topic) throws IOException {
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (TopicReader reader = new TopicReader(stack.bootstrapServers(), topic)) {
      reader.readToEnd(WAIT, records::add);
    }
    List<JsonNode> audits = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      audits.add(JSON.readTree(record.value()));
    }
    return audits;
  }
}
