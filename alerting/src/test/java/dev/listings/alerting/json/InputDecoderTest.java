package dev.listings.alerting.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.alerting.model.AppErrorEvent;
import dev.listings.alerting.model.AuditEvent;
import dev.listings.alerting.model.LedgerUpdate;
import dev.listings.alerting.model.ObjectRef;
import dev.listings.alerting.model.RejectEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class InputDecoderTest {
  private static final long RECORD_TS = Instant.parse("2026-01-05T09:00:00Z").toEpochMilli();

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsTheCleanersRejectRecordWithItsProvenanceObject() throws Exception {
    RejectEvent reject = InputDecoder.reject(json("""
        {"reason":"PRICE_UNPARSEABLE","reasons":["PRICE_UNPARSEABLE","AREA_INVALID"],"message":"m","id":"x1",
         "raw":"{}","raw_truncated":false,
         "provenance":{"bucket":"landing","key":"partner-a/a.jsonl","etag":"e1","line":12,"format":"jsonl",
                       "ingested_at":"2026-01-05T08:00:00Z"},
         "rejected_at":"2026-01-05T08:00:01.234Z","rules_version":"default-ebe581f7","error":null}
        """), new RecordHeaders(), RECORD_TS);

    assertThat(reject).isEqualTo(new RejectEvent(Instant.parse("2026-01-05T08:00:01.234Z"), "landing",
        "partner-a/a.jsonl", "PRICE_UNPARSEABLE"));
  }

  @Test
  void readsProvenanceUnderSourceToo() throws Exception {
    RejectEvent reject = InputDecoder.reject(json("""
        {"reason":"MISSING_FIELD","source":{"bucket":"b","key":"k/x.csv"},"rejected_at":"2026-01-05T10:00:00+01:00"}
        """), new RecordHeaders(), RECORD_TS);

    assertThat(reject.bucket()).isEqualTo("b");
    assertThat(reject.key()).isEqualTo("k/x.csv");
    assertThat(reject.at()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
  }

  @Test
  void fallsBackToHeadersAndRecordTimestamp() throws Exception {
    RecordHeaders headers = new RecordHeaders();
    headers.add("source.bucket", json("landing"));
    headers.add("source.key", json("p/a.jsonl"));
    headers.add("reject.reason", json("PROCESSING_ERROR"));

    RejectEvent reject = InputDecoder.reject(json("{\"message\":\"boom\"}"), headers, RECORD_TS);

    assertThat(reject).isEqualTo(
        new RejectEvent(Instant.ofEpochMilli(RECORD_TS), "landing", "p/a.jsonl", "PROCESSING_ERROR"));
  }

  @Test
  void readsAuditEvents() throws Exception {
    AuditEvent audit = InputDecoder.audit(json("""
        {"bucket":"landing","key":"p/a.jsonl","etag":"e1","format":"jsonl","lines":207,"bytes":40000,
         "started_at":"2026-01-05T08:00:00Z","finished_at":"2026-01-05T08:00:02Z","status":"failed",
         "error":"GetObject: 403"}
        """), RECORD_TS);

    assertThat(audit).isEqualTo(new AuditEvent(new ObjectRef("landing", "p/a.jsonl", "e1"), 207, 40000,
        Instant.parse("2026-01-05T08:00:02Z"), true, "GetObject: 403"));
  }

  @Test
  void refusesAuditEventsWithoutLinesOrWithAnUnknownStatus() {
    assertThatThrownBy(() -> InputDecoder.audit(json("{\"bucket\":\"b\",\"key\":\"k\",\"status\":\"completed\"}"),
        RECORD_TS)).isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> InputDecoder.audit(
        json("{\"bucket\":\"b\",\"key\":\"k\",\"lines\":1,\"status\":\"half-done\"}"), RECORD_TS))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("half-done");
  }

  @Test
  void readsLedgerRecordsWithTheirKeyAndTimestamp() throws Exception {
    LedgerUpdate update = InputDecoder.ledger("0_0.judge|s3://landing/p/a.jsonl@e1", json("""
        {"bucket":"landing","key":"p/a.jsonl","etag":"e1","curated":5,"rejected":2,"duplicates":1,
         "rejected_by_reason":{"AREA_INVALID":2}}
        """), RECORD_TS);

    assertThat(update).isEqualTo(new LedgerUpdate("0_0.judge|s3://landing/p/a.jsonl@e1",
        new ObjectRef("landing", "p/a.jsonl", "e1"), 5, 2, 1, Instant.ofEpochMilli(RECORD_TS)));
    assertThat(update.lines()).isEqualTo(8);
  }

  @Test
  void readsAppErrorEvents() throws Exception {
    AppErrorEvent event = InputDecoder.appError(json("""
        {"app":"listings-cleaner","kind":"stream_thread_died","message":"StreamsException: x",
         "at":"2026-01-05T08:30:00Z","instance":"cleaner-7d9f"}
        """), RECORD_TS);

    assertThat(event).isEqualTo(new AppErrorEvent("listings-cleaner", "STREAM_THREAD_DIED", "StreamsException: x",
        Instant.parse("2026-01-05T08:30:00Z"), "cleaner-7d9f"));
  }

  @Test
  void refusesWhatIsNotAJsonObject() {
    assertThatThrownBy(() -> InputDecoder.appError(json("not json"), RECORD_TS))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> InputDecoder.appError(json("[1,2]"), RECORD_TS))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> InputDecoder.appError(json("{\"app\":\"a\"}"), RECORD_TS))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> InputDecoder.ledger("k", json("{\"curated\":\"many\"}"), RECORD_TS))
        .isInstanceOf(InvalidInputException.class);
  }
}
