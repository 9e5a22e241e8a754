package dev.listings.local.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.cleaner.streams.Redrive;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

/** Selecting rejects and deciding which rejected lines a re-drive may send. */
class RejectSelectionTest {
  private static final String LINE_7 = "s3://landing/in/a.jsonl@e1#7";

  static RejectRecord reject(long offset, String reason, String key, long line, String rejectedAt, String run,
      boolean truncated) {
    String json = "{\"reason\":\"" + reason + "\",\"reasons\":[\"" + reason + "\"],\"message\":\"m\",\"id\":\"x" + line
        + "\",\"raw\":\"{\\\"id\\\":\\\"x" + line + "\\\"}\",\"raw_truncated\":" + truncated + ","
        + "\"provenance\":{\"bucket\":\"landing\",\"key\":\"" + key + "\",\"etag\":\"e1\",\"line\":" + line
        + ",\"format\":\"jsonl\",\"ingested_at\":\"2026-01-05T08:00:00Z\"},\"rejected_at\":\"" + rejectedAt
        + "\",\"rules_version\":\"default-1\",\"error\":null}";
    RejectRecord parsed = RejectRecord.fromJson(json);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("source.bucket", "landing");
    headers.put("source.key", key);
    headers.put("reject.reason", reason);
    headers.put("__streams.errors.topic", "t");
    if (run != null) {
      headers.put(Redrive.OF, "s3://landing/" + key + "@e1#" + line);
      headers.put(Redrive.ID, run);
    }
    return new RejectRecord("listings.rejects.v1", 0, offset, 0, "x" + line, headers, parsed.json());
  }

  @Test
  void filtersByReasonSourceGlobOrPrefixAndTime() {
    RejectRecord r = reject(1, "AREA_INVALID", "in/2026/a.jsonl", 7, "2026-01-05T10:00:00Z", null, false);
    assertThat(new RejectFilter(Set.of("area_invalid"), null, null, null)).accepts(r);
    assertThat(new RejectFilter(Set.of("MISSING_FIELD"), null, null, null)).rejects(r);
    assertThat(new RejectFilter(Set.of(), "in/2026/", null, null)).accepts(r);
    assertThat(new RejectFilter(Set.of(), "s3://landing/in/*/a.jsonl", null, null)).accepts(r);
    assertThat(new RejectFilter(Set.of(), "*.csv", null, null)).rejects(r);
    assertThat(new RejectFilter(Set.of(), null, Instant.parse("2026-01-05T10:00:00Z"), null)).accepts(r);
    assertThat(new RejectFilter(Set.of(), null, null, Instant.parse("2026-01-05T10:00:00Z"))).rejects(r);
    assertThat(RejectFilter.ALL.isEmpty()).isTrue();
    assertThatThrownBy(() -> new RejectFilter(Set.of(), null, Instant.parse("2026-01-06T00:00:00Z"),
        Instant.parse("2026-01-05T00:00:00Z"))).hasMessageContaining("must be before");
  }

  @Test
  void aLineIsSentAgainOnlyWhenItsLatestRedriveWasRejectedAgain() {
    RejectRecord first = reject(1, "PROPERTY_TYPE_EXCLUDED", "in/a.jsonl", 7, "2026-01-05T10:00:00Z", null, false);
    RejectRecord other = reject(2, "AREA_INVALID", "in/a.jsonl", 8, "2026-01-05T10:00:00Z", null, false);
    RedriveJournal journal = new RedriveJournal();
    assertThat(Redriver.lineStates(List.of(first, other), journal).get(LINE_7).current()).isSameAs(first);

    journal.put(new RedriveJournal.Entry(LINE_7, "rd-1", Instant.parse("2026-01-06T00:00:00Z"), "X", false));
    Redriver.LineState pending = Redriver.lineStates(List.of(first, other), journal).get(LINE_7);
    assertThat(pending.current()).as("curated, duplicate or pending: not sent again").isNull();
    assertThat(pending.notEligible()).contains("rd-1");
    assertThat(Redriver.lineStates(List.of(first, other), journal).get("s3://landing/in/a.jsonl@e1#8").current())
        .isSameAs(other);

    RejectRecord again = reject(3, "AREA_OUT_OF_RANGE", "in/a.jsonl", 7, "2026-01-06T00:00:01Z", "rd-1", false);
    Redriver.LineState rejectedAgain = Redriver.lineStates(List.of(first, again, other), journal).get(LINE_7);
    assertThat(rejectedAgain.current()).isSameAs(again);
    assertThat(rejectedAgain.latest().reason()).isEqualTo("AREA_OUT_OF_RANGE");
  }

  @Test
  void aRedrivenLineCarriesItsProvenanceAndTheRedriveHeadersOnly() {
    RejectRecord reject = reject(1, "AREA_INVALID", "in/a.jsonl", 7, "2026-01-05T10:00:00Z", "rd-0", false);
    Headers headers = Redriver.headers(new Redriver.Candidate(reject, LINE_7, "{}", true), "rd-2");
    assertThat(text(headers, "source.key")).isEqualTo("in/a.jsonl");
    assertThat(text(headers, "source.etag")).isEqualTo("e1");
    assertThat(text(headers, "source.line")).isEqualTo("7");
    assertThat(text(headers, "ingest.ts")).isEqualTo(Long.toString(Instant.parse("2026-01-05T08:00:00Z").toEpochMilli()));
    assertThat(text(headers, Redrive.OF)).isEqualTo(LINE_7);
    assertThat(text(headers, Redrive.ID)).isEqualTo("rd-2");
    assertThat(text(headers, Redrive.CORRECTED)).isEqualTo("true");
    assertThat(headers.headers(Redrive.ID)).hasSize(1);
    assertThat(headers.lastHeader("reject.reason")).isNull();
    assertThat(headers.lastHeader("__streams.errors.topic")).isNull();

    assertThat(Redriver.unsendable(reject(1, "AREA_INVALID", "k", 1, "2026-01-05T10:00:00Z", null, true)))
        .contains("cut");
    assertThat(Redriver.unsendable(reject)).isNull();
  }

  @Test
  void theSummaryCountsByReasonSourceAndTimeAndTellsWhatIsStillRejected() {
    RejectRecord a = reject(1, "PROPERTY_TYPE_EXCLUDED", "in/a.jsonl", 7, "2026-01-05T10:00:00Z", null, false);
    RejectRecord b = reject(2, "AREA_INVALID", "in/a.jsonl", 8, "2026-01-05T11:30:00Z", null, false);
    RejectRecord c = reject(3, "AREA_INVALID", "in/b.jsonl", 1, "2026-01-05T11:40:00Z", null, false);
    RedriveJournal journal = new RedriveJournal();
    journal.put(new RedriveJournal.Entry(LINE_7, "rd-1", Instant.parse("2026-01-06T00:00:00Z"), "X", false));
    String summary = RejectsReport.summary(List.of(a, b, c), journal, 1);
    assertThat(summary).contains("Rejects: 3 record(s)")
        .containsPattern("AREA_INVALID +2")
        .containsPattern("PROPERTY_TYPE_EXCLUDED +1")
        .containsPattern("s3://landing/in/a.jsonl +2")
        .containsPattern("2026-01-05 10:00 +1")
        .containsPattern("2026-01-05 11:00 +2")
        .contains("3 rejected line(s); 1 re-driven at least once; 2 still rejected")
        .contains("raw: {\"id\":\"x7\"}");
    assertThat(RejectsReport.list(List.of(a), 5)).contains("2026-01-05 10:00:00").contains("in/a.jsonl#7")
        .contains("{\"id…");
  }

  private static String text(Headers headers, String name) {
    return headers.lastHeader(name) == null ? null
        : new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
