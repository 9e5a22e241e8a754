package dev.listings.alerting.rules;

import dev.listings.alerting.model.AlertKind;
import dev.listings.alerting.model.RejectEvent;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates one {@link RejectRatioRule}. Rejects (the numerator) come from the rejects topic; lines judged (the
 * denominator) from the ledger's growth per object, both placed in the window by event time. The ledger is published a
 * little after the rejects, so the denominator is never taken below the rejects counted for the same source.
 */
final class RejectRatioWatch {
  private static final String SEPARATOR = "|";

  private final RejectRatioRule rule;
  private final WindowedCounts lines;
  private final WindowedCounts rejects;
  private final WindowedCounts allRejects;
  private Set<String> lastHolding = Set.of();

  RejectRatioWatch(RejectRatioRule rule) {
    this.rule = rule;
    this.lines = new WindowedCounts(rule.window());
    this.rejects = new WindowedCounts(rule.window());
    this.allRejects = new WindowedCounts(rule.window());
  }

  void onReject(RejectEvent reject, Instant now) {
    String source = SourcePrefix.of(reject.bucket(), reject.key(), rule.prefixSegments());
    allRejects.add(source, reject.at(), 1, now);
    if (rule.counts(reject.reason())) {
      rejects.add(rule.perReason() ? source + SEPARATOR + reject.reason() : source, reject.at(), 1, now);
    }
  }

  void onLinesJudged(String bucket, String key, long count, Instant at, Instant now) {
    if (count > 0) {
      lines.add(SourcePrefix.of(bucket, key, rule.prefixSegments()), at, count, now);
    }
  }

  void evaluate(Instant now, Conditions out) {
    lines.prune(now);
    rejects.prune(now);
    allRejects.prune(now);
    Set<String> evaluated = new HashSet<>();
    Set<String> holding = new HashSet<>();
    for (String group : rejects.keys()) {
      String source = rule.perReason() ? group.substring(0, group.lastIndexOf(SEPARATOR)) : group;
      String reason = rule.perReason() ? group.substring(group.lastIndexOf(SEPARATOR) + 1) : null;
      long rejected = rejects.sum(group, now);
      long judged = Math.max(lines.sum(source, now), allRejects.sum(source, now));
      double ratio = judged == 0 ? 0 : (double) rejected / judged;
      String key = incidentKey(source, reason);
      evaluated.add(key);
      boolean enoughVolume = judged >= rule.minLines();
      // Hysteresis: an open incident holds until the ratio falls to the lower resolve threshold.
      double limit = out.isOpen(key) ? rule.resolveThreshold() : rule.threshold();
      if (enoughVolume && ratio > limit) {
        holding.add(key);
        out.active(condition(key, source, reason, rejected, judged, ratio));
      } else {
        out.cleared(key, enoughVolume
            ? String.format(Locale.ROOT, "ratio %s at or below %s (%d of %d lines)", percent(ratio),
                percent(rule.resolveThreshold()), rejected, judged)
            : String.format(Locale.ROOT, "volume %d lines below the minimum of %d", judged, rule.minLines()));
      }
    }
    for (String key : lastHolding) {
      if (!evaluated.contains(key)) {
        out.cleared(key, "no rejects left in the last " + Durations.human(rule.window()));
      }
    }
    lastHolding = holding;
  }

  private Condition condition(String key, String source, String reason, long rejected, long judged, double ratio) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("source", source);
    if (reason != null) {
      labels.put("reason", reason);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("ratio", Math.round(ratio * 10_000) / 10_000.0);
    values.put("rejected", rejected);
    values.put("lines", judged);
    values.put("threshold", rule.threshold());
    values.put("resolve_threshold", rule.resolveThreshold());
    values.put("min_lines", rule.minLines());
    values.put("window_seconds", rule.window().toSeconds());
    String what = reason == null ? "Reject ratio" : "Reject ratio for " + reason;
    String summary = String.format(Locale.ROOT, "%s %s > %s over %s for source %s (%d of %d lines)", what,
        percent(ratio), percent(rule.threshold()), Durations.human(rule.window()), source, rejected, judged);
    return new Condition(key, AlertKind.REJECT_RATIO, rule.name(), rule.severity(), summary, labels, values,
        rule.resolveAfter());
  }

  private String incidentKey(String source, String reason) {
    return "reject-ratio/" + rule.name() + "/" + source + (reason == null ? "" : "/" + reason);
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
  }
}
