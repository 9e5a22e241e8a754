package dev.listings.alerting.rules;

import dev.listings.alerting.model.Severity;
import java.time.Duration;
import java.util.Map;

/**
 * Alert when an app reports at least {@code minCount} error events of one kind within {@code window}; the incident
 * (one per app and kind) resolves once the window holds fewer than that for {@code resolveAfter}. Kinds can have their
 * own severity and minimum count (e.g. one {@code STREAM_THREAD_DIED} is critical, ten {@code HANDLER_ROUTED_ERROR}
 * a warning).
 */
public record AppErrorRules(
    boolean enabled,
    Duration window,
    long defaultMinCount,
    Map<String, Long> minCountByKind,
    Severity defaultSeverity,
    Map<String, Severity> severityByKind,
    Duration resolveAfter) {

  public AppErrorRules {
    minCountByKind = Map.copyOf(minCountByKind);
    severityByKind = Map.copyOf(severityByKind);
    if (defaultMinCount < 1 || minCountByKind.values().stream().anyMatch(count -> count < 1)) {
      throw new IllegalArgumentException("app-errors: min-count must be at least 1");
    }
    if (window.isNegative() || window.isZero() || resolveAfter.isNegative()) {
      throw new IllegalArgumentException("app-errors: window must be positive and resolve-after not negative");
    }
  }

  long minCount(String kind) {
    return minCountByKind.getOrDefault(kind, defaultMinCount);
  }

  Severity severity(String kind) {
    return severityByKind.getOrDefault(kind, defaultSeverity);
  }
}
