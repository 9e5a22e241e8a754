package dev.listings.local.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** The figures of a run, written as {@code summary.json}: lines read = curated + rejected + duplicates. */
@JsonPropertyOrder({
  "lines",
  "curated",
  "rejected",
  "duplicates",
  "rejected_by_reason",
  "elapsed_ms",
  "records_per_second"
})
public record RunSummary(
    long lines,
    long curated,
    long rejected,
    long duplicates,
    @JsonProperty("rejected_by_reason") Map<String, Long> rejectedByReason,
    @JsonProperty("elapsed_ms") long elapsedMs,
    @JsonProperty("records_per_second") double recordsPerSecond) {

  public static RunSummary of(Collection<Ledger.ObjectCounts> objects, Map<String, Long> byReason, long elapsedMs) {
    long lines = 0;
    long curated = 0;
    long rejected = 0;
    long duplicates = 0;
    for (Ledger.ObjectCounts counts : objects) {
      lines += Math.max(0, counts.linesRead());
      curated += counts.curated();
      rejected += counts.rejected();
      duplicates += counts.duplicates();
    }
    double perSecond = elapsedMs == 0 ? 0 : Math.round(lines * 1000.0 / elapsedMs * 10) / 10.0;
    return new RunSummary(lines, curated, rejected, duplicates, new TreeMap<>(byReason), elapsedMs, perSecond);
  }

  public boolean balanced() {
    return lines == curated + rejected + duplicates;
  }
}
