package dev.listings.ingest.task;

import static dev.listings.ingest.task.IngestorHarness.BUCKET;
import static dev.listings.ingest.task.IngestorHarness.audits;
import static dev.listings.ingest.task.IngestorHarness.header;
import static dev.listings.ingest.task.IngestorHarness.jsonLines;
import static dev.listings.ingest.task.IngestorHarness.rawRecords;
import static dev.listings.ingest.task.IngestorHarness.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.listings.schemas.ProvenanceHeaders;
import dev.listings.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class IngestorTest {
  private final IngestorHarness harness = new IngestorHarness();

  @Test
  void sendsEachLineWithProvenanceAndClosesTheObjectWithAnAuditEvent() throws Exception {
    byte[] data = "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\"}\n".getBytes(UTF_8);
    String etag = harness.s3.put(BUCKET, "in/a.jsonl", data);
    try (Ingestor ingestor = harness.start()) {
      List<SourceRecord> batch = harness.pollAndCommit(ingestor);

      assertThat(batch).hasSize(4); // the audit record travels with the last lines
      List<SourceRecord> lines = rawRecords(batch);
      assertThat(lines).extracting(IngestorHarness::text)
          .containsExactly("{\"id\":\"a\"}", "{\"id\":\"b\"}", "{\"id\":\"c\"}");
      assertThat(lines).extracting(r -> header(r, ProvenanceHeaders.SOURCE_LINE)).containsExactly("1", "2", "3");
      SourceRecord first = lines.get(0);
      assertThat(lines).extracting(SourceRecord::key).containsExactly("a", "b", "c"); // keyed by listing id
      assertThat(header(first, ProvenanceHeaders.SOURCE_BUCKET)).isEqualTo(BUCKET);
      assertThat(header(first, ProvenanceHeaders.SOURCE_KEY)).isEqualTo("in/a.jsonl");
      assertThat(header(first, ProvenanceHeaders.SOURCE_ETAG)).isEqualTo(etag);
      assertThat(header(first, ProvenanceHeaders.SOURCE_FORMAT)).isEqualTo("jsonl");
      assertThat(Long.parseLong(header(first, ProvenanceHeaders.INGEST_TS))).isPositive();
      assertThat(first.timestamp()).isEqualTo(Long.parseLong(header(first, ProvenanceHeaders.INGEST_TS)));

      SourceRecord auditRecord = batch.get(3);
      assertThat(auditRecord.topic()).isEqualTo(Topics.INGEST_AUDIT);
      assertThat(auditRecord.key()).isEqualTo("s3://landing/in/a.jsonl");
      JsonNode audit = audits(batch).get(0);
      assertThat(audit.get("bucket").asText()).isEqualTo(BUCKET);
      assertThat(audit.get("key").asText()).isEqualTo("in/a.jsonl");
      assertThat(audit.get("etag").asText()).isEqualTo(etag);
      assertThat(audit.get("format").asText()).isEqualTo("jsonl");
      assertThat(audit.get("lines").asLong()).isEqualTo(3);
      assertThat(audit.get("bytes").asLong()).isEqualTo(data.length);
      assertThat(audit.get("status").asText()).isEqualTo("completed");
      assertThat(audit.get("error").isNull()).isTrue();
      assertThat(audit.get("started_at").asText()).isNotBlank();
      assertThat(audit.get("finished_at").asText()).isNotBlank();

      assertThat(harness.metrics.value("lines-total")).isEqualTo(3);
      assertThat(harness.metrics.value("objects-completed-total")).isEqualTo(1);
    }
  }

  @Test
  void keysEachLineByItsListingIdAndLinesWithoutOneByTheirObject() throws Exception {
    byte[] data = ("{\"id\":\" x1 \",\"raw_price\":\"1\"}\n{\"raw_price\":\"2\",\"id\":42}\n{\"id\":\"\"}\n"
        + "{\"raw_price\":\"3\"}\nnot json\n[\"id\"]\n").getBytes(UTF_8);
    harness.s3.put(BUCKET, "in/keys.jsonl", data);
    try (Ingestor ingestor = harness.start()) {
      List<SourceRecord> lines = rawRecords(harness.pollAndCommit(ingestor));

      String object = "s3://landing/in/keys.jsonl";
      assertThat(lines).extracting(SourceRecord::key).containsExactly("x1", "42", object, object, object, object);
    }
  }

  @Test
  void leavesAnObjectListedWithoutEtagForALaterPassAndKeepsRunning() throws Exception {
    harness.s3.put(BUCKET, "in/uploading.jsonl", jsonLines(2));
    harness.s3.listWithoutEtag(BUCKET, "in/uploading.jsonl", true);
    String etag = harness.s3.put(BUCKET, "in/ready.jsonl", jsonLines(3));
    try (Ingestor ingestor = harness.start()) {
      harness.runUntilAudits(ingestor, 1);
      assertThat(audits(harness.committed)).extracting(a -> a.get("etag").asText()).containsExactly(etag);

      harness.s3.listWithoutEtag(BUCKET, "in/uploading.jsonl", false);
      harness.runUntilAudits(ingestor, 2);
      assertThat(audits(harness.committed)).extracting(a -> a.get("key").asText())
          .containsExactly("in/ready.jsonl", "in/uploading.jsonl");
      assertThat(rawRecords(harness.committed)).hasSize(5);
    }
  }

  @Test
  void addsTheAuditRecordToTheBatchOfTheLastLinesEvenWhenItIsFull() throws Exception {
    harness.with("batch.max.records", "3");
    harness.s3.put(BUCKET, "a.jsonl", jsonLines(3));
    harness.s3.put(BUCKET, "b.jsonl", jsonLines(4));
    try (Ingestor ingestor = harness.start()) {
      assertThat(harness.pollAndCommit(ingestor)).extracting(SourceRecord::topic)
          .containsExactly(Topics.RAW, Topics.RAW, Topics.RAW, Topics.INGEST_AUDIT);
      assertThat(harness.pollAndCommit(ingestor)).extracting(SourceRecord::topic)
          .containsExactly(Topics.RAW, Topics.RAW, Topics.RAW);
      assertThat(harness.pollAndCommit(ingestor)).extracting(SourceRecord::topic)
          .containsExactly(Topics.RAW, Topics.INGEST_AUDIT);
    }
  }

  @Test
  void countsAnEmptyObjectAsCompletedWithoutLines() throws Exception {
    harness.s3.put(BUCKET, "empty.jsonl", new byte[0]);
    harness.s3.put(BUCKET, "header-only.csv", "a,b\n".getBytes(UTF_8));
    try (Ingestor ingestor = harness.start()) {
      harness.runUntilAudits(ingestor, 2);
    }
    assertThat(rawRecords(harness.committed)).isEmpty();
    assertThat(audits(harness.committed)).allSatisfy(a -> {
      assertThat(a.get("lines").asLong()).isZero();
      assertThat(a.get("status").asText()).isEqualTo("completed");
    });
  }

  @Test
  void ingestsEachVersionOnceAndAChangedObjectAgain() throws Exception {
    String first = harness.s3.put(BUCKET, "in/a.jsonl", jsonLines(5));
    try (Ingestor ingestor = harness.start()) {
      harness.runUntilAudits(ingestor, 1);
    }
    try (Ingestor restarted = harness.start()) {
      long until = System.currentTimeMillis() + 600; // several listing passes
      while (System.currentTimeMillis() < until) {
        assertThat(harness.pollAndCommit(restarted)).isEmpty();
      }
      String second = harness.s3.put(BUCKET, "in/a.jsonl", jsonLines(7));
      harness.runUntilAudits(restarted, 2);
      assertThat(audits(harness.committed)).extracting(a -> a.get("etag").asText()).containsExactly(first, second);
      assertThat(rawRecords(harness.committed)).hasSize(12);
    }
  }

  @Test
  void skipsAVersionItFinishedEvenBeforeItsOffsetIsCommitted() throws Exception {
    harness.s3.put(BUCKET, "in/a.jsonl", jsonLines(5));
    try (Ingestor ingestor = harness.start()) {
      List<SourceRecord> batch = ingestor.poll(); // handed over, offsets not committed yet
      assertThat(audits(batch)).hasSize(1);
      long until = System.currentTimeMillis() + 600;
      while (System.currentTimeMillis() < until) {
        assertThat(ingestor.poll()).isNull();
      }
    }
  }

  @Test
  void retriesADownloadCutMidwayFromRightAfterTheLastLineSent() throws Exception {
    byte[] data = jsonLines(20_000);
    harness.s3.put(BUCKET, "in/a.jsonl", data);
    harness.s3.cutDownloads(2, 200_000);
    harness.with("batch.max.records", "100");
    try (Ingestor ingestor = harness.start()) {
      harness.runUntilAudits(ingestor, 1);
    }
    assertExactlyOnce(rawRecords(harness.committed), 20_000);
    assertThat(harness.s3.getRanges()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(harness.s3.getRanges().get(1)).startsWith("bytes=");
  }

  @Test
  void failsTheTaskAfterTheConfiguredRetries() throws Exception {
    harness.s3.put(BUCKET, "in/a.jsonl", jsonLines(2000));
    harness.s3.cutDownloads(100, 5_000);
    try (Ingestor ingestor = harness.start()) {
      assertThatThrownBy(() -> {
        for (int i = 0; i < 100; i++) {
          harness.pollAndCommit(ingestor);
          Thread.sleep(5);
        }
      }).isInstanceOf(ConnectException.class).hasMessageContaining("after 3 retries")
          .hasMessageContaining("s3://landing/in/a.jsonl");
    }
  }

  @Test
  void failsTheTaskAtOnceWhenAccessIsDenied() throws Exception {
    harness.s3.failRequests(1, 403);
    try (Ingestor ingestor = harness.start()) {
      assertThatThrownBy(ingestor::poll).isInstanceOf(ConnectException.class)
          .hasMessageContaining("discovering objects");
    }
  }

  @Test
  void closesAnObjectReplacedWhileBeingReadAsFailedAndThenIngestsTheNewVersion() throws Exception {
    harness.with("batch.max.records", "100");
    String old = harness.s3.put(BUCKET, "in/a.jsonl", jsonLines(50_000));
    try (Ingestor ingestor = harness.start()) {
      harness.pollAndCommit(ingestor);
      String replacement = harness.s3.put(BUCKET, "in/a.jsonl", jsonLines(10));
      harness.s3.breakOpenDownloads(); // the running download breaks; the retry meets the new ETag
      harness.runUntilAudits(ingestor, 2);

      List<JsonNode> audits = audits(harness.committed);
      assertThat(audits.get(0).get("etag").asText()).isEqualTo(old);
      assertThat(audits.get(0).get("status").asText()).isEqualTo("failed");
      assertThat(audits.get(0).get("error").asText()).contains("was replaced");
      long sentOfOld = rawRecords(harness.committed).stream()
          .filter(r -> header(r, ProvenanceHeaders.SOURCE_ETAG).equals(old)).count();
      assertThat(audits.get(0).get("lines").asLong()).isEqualTo(sentOfOld).isPositive();
      assertThat(audits.get(1).get("etag").asText()).isEqualTo(replacement);
      assertThat(audits.get(1).get("lines").asLong()).isEqualTo(10);
      assertThat(harness.metrics.value("objects-failed-total")).isEqualTo(1);
    }
  }

  @Test
  void closesAVersionReplacedWhileTheTaskWasDownWithAFailedAudit() throws Exception {
    harness.with("batch.max.records", "100");
    String old = harness.s3.put(BUCKET, "in/a.jsonl", jsonLines(1000));
    try (Ingestor ingestor = harness.start()) {
      harness.pollAndCommit(ingestor);
      harness.pollAndCommit(ingestor);
    }
    harness.s3.put(BUCKET, "in/a.jsonl", jsonLines(3));
    try (Ingestor restarted = harness.start()) {
      harness.runUntilAudits(restarted, 2);
    }
    List<JsonNode> audits = audits(harness.committed);
    assertThat(audits.get(0).get("etag").asText()).isEqualTo(old);
    assertThat(audits.get(0).get("lines").asLong()).isEqualTo(200);
    assertThat(audits.get(0).get("error").asText()).contains("replaced by a new version");
    assertThat(audits.get(1).get("lines").asLong()).isEqualTo(3);
  }

  @Test
  void closesADamagedGzipObjectAsFailedAfterTheLinesBeforeTheDamage() throws Exception {
    byte[] zipped = gzip(jsonLines(20_000));
    byte[] damaged = Arrays.copyOf(zipped, zipped.length);
    for (int i = zipped.length / 2; i < zipped.length / 2 + 64; i++) {
      damaged[i] ^= 0x33;
    }
    harness.s3.put(BUCKET, "in/bad.jsonl.gz", damaged);
    try (Ingestor ingestor = harness.start()) {
      harness.runUntilAudits(ingestor, 1);
    }
    JsonNode audit = audits(harness.committed).get(0);
    assertThat(audit.get("status").asText()).isEqualTo("failed");
    assertThat(audit.get("error").asText()).contains("gzip");
    assertThat(audit.get("lines").asLong()).isEqualTo(rawRecords(harness.committed).size());
  }

  static void assertExactlyOnce(List<SourceRecord> raw, int lines) {
    assertThat(raw).extracting(r -> Long.parseLong(header(r, ProvenanceHeaders.SOURCE_LINE)))
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, lines).boxed().toList());
    for (SourceRecord record : raw) {
      String line = header(record, ProvenanceHeaders.SOURCE_LINE);
      assertThat(text(record)).startsWith("{\"id\":\"" + line + "\"");
    }
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    }
    return out.toByteArray();
  }
}
