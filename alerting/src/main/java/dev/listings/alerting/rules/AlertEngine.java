package dev.listings.alerting.rules;

import dev.listings.alerting.model.Alert;
import dev.listings.alerting.model.AppErrorEvent;
import dev.listings.alerting.model.AuditEvent;
import dev.listings.alerting.model.LedgerUpdate;
import dev.listings.alerting.model.RejectEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The alerting's whole evaluation, free of Kafka and of the framework: feed it the input events in any interleaving,
 * call {@link #evaluate()} periodically, and publish the alerts it returns. Time comes from the given clock, so tests
 * drive windows and timeouts directly. Not thread-safe: one consume loop owns it.
 */
public final class AlertEngine {
  private final Clock clock;
  private final List<RejectRatioWatch> ratioWatches;
  private final ObjectWatch objectWatch;
  private final AppErrorWatch appErrorWatch;
  private final LedgerBook ledger = new LedgerBook();
  private final IncidentTracker incidents = new IncidentTracker();
  private final Duration longestRatioWindow;
  private final ObjectRules objectRules;
  private final AppErrorRules appErrorRules;

  public AlertEngine(
      List<RejectRatioRule> ratioRules, ObjectRules objectRules, AppErrorRules appErrorRules, Clock clock) {
    this.clock = clock;
    this.objectRules = objectRules;
    this.appErrorRules = appErrorRules;
    this.ratioWatches = ratioRules.stream().map(RejectRatioWatch::new).toList();
    this.objectWatch = new ObjectWatch(objectRules);
    this.appErrorWatch = new AppErrorWatch(appErrorRules);
    this.longestRatioWindow =
        ratioRules.stream().map(RejectRatioRule::window).max(Duration::compareTo).orElse(Duration.ZERO);
  }

  public void onReject(RejectEvent reject) {
    Instant now = clock.instant();
    for (RejectRatioWatch watch : ratioWatches) {
      watch.onReject(reject, now);
    }
  }

  public void onLedger(LedgerUpdate update) {
    long judged = ledger.apply(update);
    Instant now = clock.instant();
    for (RejectRatioWatch watch : ratioWatches) {
      watch.onLinesJudged(update.object().bucket(), update.object().key(), judged, update.at(), now);
    }
  }

  /** A ledger key was deleted (tombstone). */
  public void onLedgerDeleted(String ledgerKey) {
    ledger.remove(ledgerKey);
  }

  public void onAudit(AuditEvent audit) {
    objectWatch.onAudit(audit);
  }

  public void onAppError(AppErrorEvent event) {
    appErrorWatch.onAppError(event, clock.instant());
  }

  /** Re-applies an alert this app wrote before a restart, see {@link IncidentTracker#restore(Alert)}. */
  public void restore(Alert alert) {
    incidents.restore(alert);
  }

  /** Evaluates every rule now; returns the alerts of incidents that opened or resolved since the last call. */
  public List<Alert> evaluate() {
    Instant now = clock.instant();
    Conditions conditions = new Conditions(incidents::isOpen);
    for (RejectRatioWatch watch : ratioWatches) {
      watch.evaluate(now, conditions);
    }
    objectWatch.evaluate(now, ledger, conditions);
    appErrorWatch.evaluate(now, conditions);
    return incidents.update(now, conditions);
  }

  public int openIncidents() {
    return incidents.openCount();
  }

  /** How far back the rejects topic must be re-read at start to refill the windows. */
  public Duration rejectsLookback() {
    return longestRatioWindow;
  }

  /** How far back the audit topic must be re-read at start to watch every object still tracked. */
  public Duration auditLookback() {
    return objectRules.trackFor();
  }

  /** How far back the app-errors topic must be re-read at start. */
  public Duration appErrorsLookback() {
    return appErrorRules.window();
  }
}
