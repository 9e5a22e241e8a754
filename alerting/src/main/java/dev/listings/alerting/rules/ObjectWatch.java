package dev.listings.alerting.rules;

import dev.listings.alerting.model.AlertKind;
import dev.listings.alerting.model.AuditEvent;
import dev.listings.alerting.model.ObjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Watches source objects through their audit events: an object reported {@code failed} is an incident until a later
 * audit of the same bucket and key completes; an object whose ledger sum (curated + rejected + duplicates) differs
 * from the audit's {@code lines} once the timeout has passed is an incident until the numbers agree. Objects are
 * forgotten {@code trackFor} after their audit.
 */
final class ObjectWatch {
  private final ObjectRules rules;
  private final Map<String, AuditEvent> failedByLocation = new HashMap<>();
  private final Map<ObjectRef, AuditEvent> awaitingAccounting = new HashMap<>();
  private final Map<String, String> pendingClearNotes = new HashMap<>();

  ObjectWatch(ObjectRules rules) {
    this.rules = rules;
  }

  void onAudit(AuditEvent audit) {
    String location = audit.object().location();
    if (audit.failed()) {
      failedByLocation.merge(location, audit, ObjectWatch::later);
    } else {
      AuditEvent failed = failedByLocation.get(location);
      if (failed != null && !audit.finishedAt().isBefore(failed.finishedAt())) {
        failedByLocation.remove(location);
        pendingClearNotes.put(failedKey(location),
            "re-ingested successfully (etag " + audit.object().etag() + ", " + audit.lines() + " lines)");
      }
    }
    awaitingAccounting.put(audit.object(), audit);
  }

  void evaluate(Instant now, LedgerBook ledger, Conditions out) {
    pendingClearNotes.forEach(out::cleared);
    pendingClearNotes.clear();
    evaluateFailed(now, out);
    evaluateAccounting(now, ledger, out);
  }

  private void evaluateFailed(Instant now, Conditions out) {
    Iterator<AuditEvent> failed = failedByLocation.values().iterator();
    while (failed.hasNext()) {
      AuditEvent audit = failed.next();
      String key = failedKey(audit.object().location());
      if (expired(audit, now)) {
        failed.remove();
        out.cleared(key, "no longer tracked " + Durations.human(rules.trackFor()) + " after the failure");
      } else if (rules.failedEnabled()) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("lines", audit.lines());
        values.put("bytes", audit.bytes());
        values.put("error", audit.error() == null ? "" : audit.error());
        out.active(new Condition(key, AlertKind.OBJECT_FAILED, "object-failed", rules.failedSeverity(),
            "Ingest failed for " + audit.object().location() + ": " + (audit.error() == null ? "no error given"
                : audit.error()), labels(audit.object()), values, Duration.ZERO));
      }
    }
  }

  private void evaluateAccounting(Instant now, LedgerBook ledger, Conditions out) {
    Iterator<AuditEvent> awaiting = awaitingAccounting.values().iterator();
    while (awaiting.hasNext()) {
      AuditEvent audit = awaiting.next();
      String key = "object-unaccounted/" + audit.object();
      long accounted = ledger.accountedLines(audit.object());
      if (accounted == audit.lines()) {
        awaiting.remove();
        out.cleared(key, "accounted for: " + accounted + " of " + audit.lines() + " lines");
      } else if (expired(audit, now)) {
        awaiting.remove();
        out.cleared(key, "no longer tracked " + Durations.human(rules.trackFor()) + " after the audit");
      } else if (rules.unaccountedEnabled()
          && !now.isBefore(audit.finishedAt().plus(rules.unaccountedTimeout()))) {
        out.active(unaccounted(key, audit, accounted));
      }
    }
  }

  private Condition unaccounted(String key, AuditEvent audit, long accounted) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("lines", audit.lines());
    values.put("accounted", accounted);
    values.put("missing", audit.lines() - accounted);
    values.put("timeout_seconds", rules.unaccountedTimeout().toSeconds());
    String summary = String.format("Object %s not fully accounted for %s after ingest: %d of %d lines "
            + "curated, rejected or duplicates", audit.object(), Durations.human(rules.unaccountedTimeout()),
        accounted, audit.lines());
    return new Condition(key, AlertKind.OBJECT_UNACCOUNTED, "object-unaccounted", rules.unaccountedSeverity(),
        summary, labels(audit.object()), values, Duration.ZERO);
  }

  private boolean expired(AuditEvent audit, Instant now) {
    return now.isAfter(audit.finishedAt().plus(rules.trackFor()));
  }

  private static Map<String, String> labels(ObjectRef object) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("bucket", Objects.toString(object.bucket(), ""));
    labels.put("key", Objects.toString(object.key(), ""));
    labels.put("etag", Objects.toString(object.etag(), ""));
    labels.put("object", object.location());
    return labels;
  }

  private static String failedKey(String location) {
    return "object-failed/" + location;
  }

  private static AuditEvent later(AuditEvent a, AuditEvent b) {
    return b.finishedAt().isBefore(a.finishedAt()) ? a : b;
  }
}
