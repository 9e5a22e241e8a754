package dev.listings.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.ingest.testing.EventQueue;
import dev.listings.ingest.testing.IngestStack;
import dev.listings.ingest.testing.LineLedger;
import dev.listings.ingest.testing.Listings;
import dev.listings.ingest.testing.S3Events;
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

/**
 * Event mode on a real SQS API (ElasticMQ) read with the AWS SDK's SQS client: objects announced by S3 event
 * notifications and by EventBridge events are ingested, test events and non-create events are acknowledged and
 * skipped, and a message is deleted only once the records of its object are committed.
 */
@Tag("integration")
class EventModeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String BUCKET = IngestStack.BUCKET;
  private static final int LINES = 50_000;
  private static final String NOTIFIED = "ev/announced by s3+notification.jsonl";
  private static final String BRIDGED = "ev/announced-by-eventbridge.csv.gz";
  private static final String CSV = "id,raw_price,living_area\nb1,CHF 1'250'000,84 m²\nb2,\"€ 450.000\",62\n";

  @TempDir static Path dir;
  private static IngestStack stack;
  private static EventQueue queue;

  @BeforeAll
  static void start() throws IOException {
    stack = IngestStack.start(dir);
    queue = EventQueue.start();
  }

  @AfterAll
  static void stop() {
    queue.close();
    stack.close();
  }

  @Test
  void ingestsObjectsAnnouncedInEitherEventShapeAndDeletesEachMessageOnlyOnceItsRecordsAreCommitted()
      throws Exception {
    String url = queue.create("landing-events");
    long size = Listings.size(LINES, 0);
    String notifiedEtag = stack.put(NOTIFIED, () -> Listings.stream(LINES, 0), size);
    byte[] csvGz = ListingIngestIT.gzip(CSV.getBytes(UTF_8));
    String bridgedEtag = stack.put(BRIDGED, csvGz);
    String removedEtag = stack.put("ev/removed.jsonl", Listings.bytes(3));
    String outsideEtag = stack.put("elsewhere/outside.jsonl", Listings.bytes(3));

    queue.send(url, S3Events.testEvent(BUCKET));
    queue.send(url, S3Events.notification("ObjectCreated:Put", BUCKET, NOTIFIED, notifiedEtag, size));
    queue.send(url, S3Events.eventBridge("Object Created", BUCKET, BRIDGED, bridgedEtag, csvGz.length));
    queue.send(url, S3Events.notification("ObjectRemoved:Delete", BUCKET, "ev/removed.jsonl", null, 0));
    queue.send(url, S3Events.eventBridge("Object Deleted", BUCKET, "ev/removed.jsonl", removedEtag, 0));
    queue.send(url, S3Events.notification("ObjectTagging:Put", BUCKET, "ev/removed.jsonl", removedEtag, 0));
    queue.send(url, S3Events.notification("ObjectCreated:Put", BUCKET, "elsewhere/outside.jsonl", outsideEtag, 3));
    Map<String, String> config = stack.connectorConfig("raw-events", "audit-events", "ev/");
    queue.eventMode(config, url);
    config.put("batch.max.records", "2000");
    stack.worker().createOrReplaceConnector("events", config);

    queue.awaitEmpty(url, WAIT);
    // Every message is gone: the records of the objects they announced must all be committed already.
    LineLedger ledger = new LineLedger();
    List<ConsumerRecord<String, byte[]>> rows = new ArrayList<>();
    try (TopicReader raw = new TopicReader(stack.bootstrapServers(), "raw-events")) {
      raw.readToEnd(WAIT, r -> {
        if (LineLedger.objectOf(r).endsWith(".csv.gz")) {
          rows.add(r);
        } else {
          ledger.accept(r);
        }
      });
    }
    List<JsonNode> audits = readAuditsToEnd("audit-events");

    assertThat(ledger.missing(uri(NOTIFIED), LINES)).as("lines committed before the message was deleted").isEmpty();
    assertThat(ledger.total()).isEqualTo(LINES);
    assertThat(ledger.duplicates()).isZero();
    assertThat(ledger.problems()).isEmpty();
    assertThat(rows).hasSize(2);
    assertThat(rows).allSatisfy(r -> {
      assertThat(ListingIngestIT.header(r, ProvenanceHeaders.SOURCE_KEY)).isEqualTo(BRIDGED);
      assertThat(ListingIngestIT.header(r, ProvenanceHeaders.SOURCE_ETAG)).isEqualTo(bridgedEtag);
      assertThat(ListingIngestIT.header(r, ProvenanceHeaders.SOURCE_FORMAT)).isEqualTo("csv");
    });
    List<String> prices = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> row : rows) {
      prices.add(JSON.readTree(row.value()).get("raw_price").asText());
    }
    assertThat(prices).containsExactlyInAnyOrder("CHF 1'250'000", "€ 450.000");
    assertThat(audits).as("one audit event per announced object, none for skipped events")
        .extracting(a -> a.get("key").asText(), a -> a.get("etag").asText(), a -> a.get("lines").asLong(),
            a -> a.get("status").asText())
        .containsExactlyInAnyOrder(
            tuple(NOTIFIED, notifiedEtag, (long) LINES, "completed"),
            tuple(BRIDGED, bridgedEtag, 2L, "completed"));

    // An event delivered twice is acknowledged without ingesting again; a re-upload (new ETag) is ingested again.
    queue.send(url, S3Events.notification("ObjectCreated:Put", BUCKET, NOTIFIED, notifiedEtag, size));
    String reuploadedEtag = stack.put(BRIDGED, ListingIngestIT.gzip((CSV + "b3,990,45\n").getBytes(UTF_8)));
    assertThat(reuploadedEtag).isNotEqualTo(bridgedEtag);
    queue.send(url, S3Events.eventBridge("Object Created", BUCKET, BRIDGED, reuploadedEtag, 0));
    queue.awaitEmpty(url, WAIT);

    List<JsonNode> after = readAuditsToEnd("audit-events");
    assertThat(after).hasSize(3);
    assertThat(after.get(2).get("etag").asText()).isEqualTo(reuploadedEtag);
    assertThat(after.get(2).get("lines").asLong()).isEqualTo(3);
    List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
    try (TopicReader raw = new TopicReader(stack.bootstrapServers(), "raw-events")) {
      raw.readToEnd(WAIT, all::add);
    }
    assertThat(all).hasSize(LINES + 2 + 3);
    assertThat(all).filteredOn(r -> reuploadedEtag.equals(ListingIngestIT.header(r, ProvenanceHeaders.SOURCE_ETAG)))
        .hasSize(3);
  }

  private static String uri(String key) {
    return "s3://" + BUCKET + "/" + key;
  }

  private static List<JsonNode> readAuditsToEnd(String topic) throws IOException {
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
