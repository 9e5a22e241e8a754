package dev.listings.alerting.rules;

import dev.listings.alerting.model.AlertKind;
import dev.listings.alerting.model.AppErrorEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counts app error events per app and kind over a sliding window; see {@link AppErrorRules}. */
final class AppErrorWatch {
  private static final String SEPARATOR = "\u0000";

  private final AppErrorRules rules;
  private final WindowedCounts counts;
  private final Map<String, AppErrorEvent> latest = new HashMap<>();

  AppErrorWatch(AppErrorRules rules) {
    this.rules = rules;
    this.counts = new WindowedCounts(rules.window());
  }

  void onAppError(AppErrorEvent event, Instant now) {
    String group = event.app() + SEPARATOR + event.kind();
    counts.add(group, event.at(), 1, now);
    latest.merge(group, event, (a, b) -> b.at().isBefore(a.at()) ? a : b);
  }

  void evaluate(Instant now, Conditions out) {
    counts.prune(now);
    latest.keySet().retainAll(counts.keys());
    if (!rules.enabled()) {
      return;
    }
    for (String group : counts.keys()) {
      AppErrorEvent last = latest.get(group);
      long count = counts.sum(group, now);
      String key = "app-error/" + last.app() + "/" + last.kind();
      long minCount = rules.minCount(last.kind());
      if (count >= minCount) {
        out.active(condition(key, last, count, minCount));
      } else {
        out.cleared(key, count + " " + last.kind() + " events in the last " + Durations.human(rules.window()));
      }
    }
  }

  private Condition condition(String key, AppErrorEvent last, long count, long minCount) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app", last.app());
    labels.put("error_kind", last.kind());
    if (last.instance() != null) {
      labels.put("instance", last.instance());
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("count", count);
    values.put("min_count", minCount);
    values.put("window_seconds", rules.window().toSeconds());
    values.put("last_message", last.message() == null ? "" : last.message());
    values.put("last_at", last.at().toString());
    String summary = last.app() + ": " + count + " " + last.kind() + " event" + (count == 1 ? "" : "s")
        + " in the last " + Durations.human(rules.window())
        + (last.message() == null ? "" : "; latest: " + last.message());
    return new Condition(key, AlertKind.APP_ERROR, "app-error", rules.severity(last.kind()), summary, labels, values,
        rules.resolveAfter());
  }
}
