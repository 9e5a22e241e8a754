package dev.listings.ingest.task;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.ingest.S3SourceTaskConfig;
import dev.listings.ingest.testing.InMemoryS3;
import dev.listings.ingest.testing.MemoryOffsets;
import dev.listings.ingest.testing.RecordingPluginMetrics;
import dev.listings.schemas.Topics;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/** Runs an {@link Ingestor} the way Connect does: poll, hand the batch over, commit its offsets, acknowledge it. */
final class IngestorHarness {
  static final String BUCKET = "landing";
  private static final ObjectMapper JSON = new ObjectMapper();

  final InMemoryS3 s3 = new InMemoryS3();
  final MemoryOffsets offsets = new MemoryOffsets();
  final RecordingPluginMetrics metrics = new RecordingPluginMetrics();
  final List<SourceRecord> committed = new ArrayList<>();
  private final Map<String, String> props = new HashMap<>(Map.of(
      "s3.bucket", BUCKET,
      "poll.interval.ms", "100",
      "retry.backoff.ms", "1",
      "retry.backoff.max.ms", "5",
      "retry.max.attempts", "3"));

  IngestorHarness with(String key, String value) {
    props.put(key, value);
    return this;
  }

  Ingestor start() {
    return Ingestors.create(new S3SourceTaskConfig(props), offsets, metrics, config -> s3, config -> {
      throw new IllegalStateException("no SQS here");
    }, Clock.systemUTC());
  }

  /** One poll; its records are committed. */
  List<SourceRecord> pollAndCommit(Ingestor ingestor) throws InterruptedException {
    List<SourceRecord> batch = ingestor.poll();
    if (batch != null) {
      offsets.commit(batch);
      committed.addAll(batch);
      batch.forEach(ingestor::committed);
    }
    return batch == null ? List.of() : batch;
  }

  /** Polls until {@code audits} audit records in all were committed. */
  void runUntilAudits(Ingestor ingestor, int audits) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    while (audits(committed).size() < audits) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("Only " + audits(committed).size() + " audit events after 20 s");
      }
      pollAndCommit(ingestor);
    }
  }

  static List<SourceRecord> rawRecords(List<SourceRecord> records) {
    return records.stream().filter(r -> r.topic().equals(Topics.RAW)).toList();
  }

  static List<JsonNode> audits(List<SourceRecord> records) {
    return records.stream().filter(r -> r.topic().equals(Topics.INGEST_AUDIT)).map(r -> {
      try {
        return JSON.readTree((byte[]) r.value());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  static String header(SourceRecord record, String name) {
    Header header = record.headers().lastWithName(name);
    return header == null ? null : (String) header.value();
  }

  static String text(SourceRecord record) {
    return new String((byte[]) record.value(), UTF_8);
  }

  static byte[] jsonLines(int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      text.append("{\"id\":\"").append(i).append("\",\"pad\":\"").append("p".repeat(i % 37)).append("\"}\n");
    }
    return text.toString().getBytes(UTF_8);
  }

  static byte[] csvRows(int count) {
    StringBuilder text = new StringBuilder("id,note\r\n");
    for (int i = 1; i <= count; i++) {
      text.append(i).append(",\"n ").append(i).append(i % 50 == 0 ? "\nsecond line" : "").append("\"\r\n");
    }
    return text.toString().getBytes(UTF_8);
  }
}
