package dev.listings.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.ingest.testing.ChildWorker;
import dev.listings.ingest.testing.EventQueue;
import dev.listings.ingest.testing.IngestStack;
import dev.listings.ingest.testing.LineLedger;
import dev.listings.ingest.testing.Listings;
import dev.listings.ingest.testing.S3Events;
import dev.listings.ingest.testing.TopicReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once through a crash: the Connect worker runs in a JVM of its own and is killed (SIGKILL) while two objects
 * are in the middle of being read, one found by listing and one (gzip) announced through SQS. A worker started
 * afterwards takes the connectors over; every line of both objects is then in the raw topic exactly once (checked
 * line by line on committed records), each object has one audit event, and the SQS message, not deleted by the
 * crashed worker, is received again and deleted only once the object is complete.
 */
@Tag("integration")
class ExactlyOnceCrashIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final int LINES = 200_000;
  private static final String LISTED = "s3://landing/crash/listed.jsonl";
  private static final String ANNOUNCED = "s3://landing/events/announced.jsonl.gz";
  /** The group notices the killed worker after a few seconds rather than the default ten. */
  private static final Map<String, String> WORKER = Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms",
      "1500");

  @TempDir static Path dir;
  private static IngestStack stack;
  private static EventQueue queue;

  @BeforeAll
  static void start() throws IOException {
    stack = IngestStack.start(dir, false);
    queue = EventQueue.start();
  }

  @AfterAll
  static void stop() {
    queue.close();
    stack.close();
  }

  @Test
  void sendsEveryLineExactlyOnceWhenTheWorkerIsKilledInTheMiddleOfObjects() throws Exception {
    String url = queue.create("crash-events");
    byte[] zipped = Listings.gzipped(LINES);
    String zippedEtag = stack.put("events/announced.jsonl.gz", zipped);
    Map<String, String> listing = stack.connectorConfig("raw-crash-listed", "audit-crash-listed", "crash/");
    Map<String, String> events = stack.connectorConfig("raw-crash-announced", "audit-crash-announced", "events/");
    queue.eventMode(events, url);
    events.put("sqs.visibility.timeout.seconds", "30");
    for (Map<String, String> config : List.of(listing, events)) {
      config.put("batch.max.records", "500");
    }
    // Created in this order, with the listed object in place, both objects start being read at about the same time:
    // the listed one once its connector runs, the announced one once its event is sent right after.
    stack.put("crash/listed.jsonl", () -> Listings.stream(LINES, 0), Listings.size(LINES, 0));
    Map<String, Map<String, String>> connectors = new LinkedHashMap<>();
    connectors.put("crash-announced", events);
    connectors.put("crash-listed", listing);

    LineLedger listed = new LineLedger();
    LineLedger announced = new LineLedger();
    try (TopicReader listedRaw = new TopicReader(stack.bootstrapServers(), "raw-crash-listed");
        TopicReader announcedRaw = new TopicReader(stack.bootstrapServers(), "raw-crash-announced")) {
      ChildWorker child = ChildWorker.start(stack.bootstrapServers(), stack.connectDir(), WORKER, connectors, WAIT);
      try {
        queue.send(url, S3Events.notification("ObjectCreated:Put", IngestStack.BUCKET, "events/announced.jsonl.gz",
            zippedEtag, zipped.length));
        listedRaw.readUntil(() -> listed.total() >= LINES / 20, WAIT, listed::accept);
        announcedRaw.readUntil(() -> announced.total() >= LINES / 20, WAIT, announced::accept);
      } finally {
        child.kill();
      }

      listedRaw.readToEnd(WAIT, listed::accept);
      announcedRaw.readToEnd(WAIT, announced::accept);
      long listedAtCrash = listed.total();
      long announcedAtCrash = announced.total();
      System.out.printf("Worker killed with %d listed and %d announced lines committed%n", listedAtCrash,
          announcedAtCrash);
      assertThat(listedAtCrash).as("lines of the listed object committed when the worker died").isLessThan(LINES);
      assertThat(announcedAtCrash).as("lines of the announced object committed when the worker died")
          .isLessThan(LINES);
      assertThat(queue.messagesLeft(url)).as("the message of an object not yet committed is kept").isEqualTo(1);

      stack.startWorker(WORKER);
      stack.worker().awaitRunning("crash-listed");
      stack.worker().awaitRunning("crash-announced");
      listedRaw.readUntil(() -> listed.total() >= LINES, WAIT, listed::accept);
      announcedRaw.readUntil(() -> announced.total() >= LINES, WAIT, announced::accept);
      queue.awaitEmpty(url, WAIT);
      listedRaw.readToEnd(WAIT, listed::accept);
      announcedRaw.readToEnd(WAIT, announced::accept);
    }

    SoftAssertions soft = new SoftAssertions();
    for (LineLedger ledger : List.of(listed, announced)) {
      soft.assertThat(ledger.problems()).isEmpty();
      soft.assertThat(ledger.duplicates()).isZero();
      soft.assertThat(ledger.total()).isEqualTo(LINES);
    }
    soft.assertThat(listed.missing(LISTED, LINES)).isEmpty();
    soft.assertThat(announced.missing(ANNOUNCED, LINES)).isEmpty();
    for (String topic : List.of("audit-crash-listed", "audit-crash-announced")) {
      List<JsonNode> audits = auditsToEnd(topic);
      soft.assertThat(audits).as(topic).hasSize(1);
      soft.assertThat(audits).as(topic).allSatisfy(a -> {
        assertThat(a.get("lines").asLong()).isEqualTo(LINES);
        assertThat(a.get("status").asText()).isEqualTo("completed");
      });
    }
    soft.assertAll();
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
