package dev.listings.alerting.notify;

import dev.listings.alerting.model.Alert;
import dev.listings.alerting.model.AlertKind;
import dev.listings.alerting.model.AlertStatus;
import dev.listings.alerting.model.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Alerts for notifier tests. */
final class TestAlerts {
  private TestAlerts() {}

  static Alert firing(Severity severity) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("ratio", 0.45);
    values.put("rejected", 90L);
    values.put("lines", 200L);
    return new Alert("0d6b1c2e-1111-3aaa-8bbb-123456789abc", "reject-ratio/per-source/landing/partner-a",
        AlertStatus.FIRING, AlertKind.REJECT_RATIO, "per-source", severity,
        "Reject ratio 45.0% > 20.0% over 10m for source landing/partner-a (90 of 200 lines)",
        Map.of("source", "landing/partner-a"), values, Instant.parse("2026-01-05T08:00:00Z"), null, null,
        Instant.parse("2026-01-05T08:00:00Z"));
  }

  static Alert resolved(Severity severity) {
    Alert firing = firing(severity);
    return new Alert(firing.incidentId(), firing.incidentKey(), AlertStatus.RESOLVED, firing.kind(), firing.rule(),
        severity, firing.summary() + "; resolved: condition cleared", firing.labels(), firing.values(),
        firing.startedAt(), Instant.parse("2026-01-05T08:12:05Z"), "condition cleared",
        Instant.parse("2026-01-05T08:12:05Z"));
  }
}
