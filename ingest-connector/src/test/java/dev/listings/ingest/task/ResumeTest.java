package dev.listings.ingest.task;

import static dev.listings.ingest.task.IngestorHarness.BUCKET;
import static dev.listings.ingest.task.IngestorHarness.audits;
import static dev.listings.ingest.task.IngestorHarness.header;
import static dev.listings.ingest.task.IngestorHarness.rawRecords;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.schemas.ProvenanceHeaders;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResumeTest {
  private static final int LINES = 20_000;

  /**
   * A task that stops with a batch handed over but not committed, and a new one on the committed offsets: together
   * they send every line exactly once. Plain objects resume with a ranged read; gzip ones are read again and skipped.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"in/a.jsonl, false", "in/a.jsonl.gz, false", "in/a.csv, false", "in/a.csv.gz, false",
      "in/a.jsonl, true"})
  void resumesRightAfterTheLastCommittedLine(String key, boolean contentEncodingOnly) throws Exception {
    boolean csv = key.contains(".csv");
    byte[] content = csv ? IngestorHarness.csvRows(LINES) : IngestorHarness.jsonLines(LINES);
    boolean gzip = key.endsWith(".gz") || contentEncodingOnly;
    byte[] stored = gzip ? IngestorTest.gzip(content) : content;
    IngestorHarness harness = new IngestorHarness().with("batch.max.records", "700");
    harness.s3.put(BUCKET, key, stored, contentEncodingOnly ? "gzip" : null);

    try (Ingestor first = harness.start()) {
      for (int i = 0; i < 5; i++) {
        harness.pollAndCommit(first);
      }
      assertThat(first.poll()).hasSize(700); // handed over, lost in the crash
    }
    try (Ingestor second = harness.start()) {
      harness.runUntilAudits(second, 1);
    }

    List<SourceRecord> raw = rawRecords(harness.committed);
    long firstLine = csv ? 2 : 1;
    assertThat(raw).extracting(r -> Long.parseLong(header(r, ProvenanceHeaders.SOURCE_LINE)))
        .containsExactlyElementsOf(LongStream.range(firstLine, firstLine + LINES).boxed().toList());
    for (SourceRecord record : raw) {
      long row = Long.parseLong(header(record, ProvenanceHeaders.SOURCE_LINE)) - firstLine + 1;
      String value = new String((byte[]) record.value(), UTF_8);
      assertThat(value).startsWith(csv ? "{\"id\":\"" + row + "\",\"note\":\"n " + row : "{\"id\":\"" + row + "\"");
    }
    assertThat(audits(harness.committed)).singleElement().satisfies(a -> {
      assertThat(a.get("lines").asLong()).isEqualTo(LINES);
      assertThat(a.get("bytes").asLong()).isEqualTo(stored.length);
      assertThat(a.get("status").asText()).isEqualTo("completed");
    });
    List<String> ranges = harness.s3.getRanges();
    if (gzip) {
      assertThat(ranges).as("gzip is read again from its start").allMatch(r -> r.isEmpty() || contentEncodingOnly);
    } else {
      assertThat(ranges).as("plain objects resume with a ranged read").anyMatch(r -> r.startsWith("bytes="));
    }
  }
}
