package dev.listings.alerting.rules;

import dev.listings.alerting.model.AppErrorEvent;
import dev.listings.alerting.model.AuditEvent;
import dev.listings.alerting.model.LedgerUpdate;
import dev.listings.alerting.model.ObjectRef;
import dev.listings.alerting.model.RejectEvent;
import dev.listings.alerting.model.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rules and input events for engine tests, all on one {@link MutableClock}. */
final class EngineFixture {
  static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

  final MutableClock clock = new MutableClock(T0);
  private long ledgerVersion;

  static RejectRatioRule perSource() {
    return new RejectRatioRule("per-source", 1, false, Set.of(), Duration.ofMinutes(10), 0.2, 0.1, 50,
        Severity.WARNING, Duration.ofMinutes(2));
  }

  static RejectRatioRule perReason() {
    return new RejectRatioRule("per-reason", 1, true, Set.of(), Duration.ofMinutes(10), 0.3, 0.2, 50,
        Severity.CRITICAL, Duration.ZERO);
  }

  static ObjectRules objectRules() {
    return new ObjectRules(true, Severity.CRITICAL, true, Duration.ofMinutes(15), Severity.WARNING,
        Duration.ofHours(24));
  }

  static AppErrorRules appErrorRules() {
    return new AppErrorRules(true, Duration.ofMinutes(5), 1, Map.of("HANDLER_ROUTED_ERROR", 3L), Severity.WARNING,
        Map.of("STREAM_THREAD_DIED", Severity.CRITICAL), Duration.ZERO);
  }

  AlertEngine engine(RejectRatioRule... rules) {
    return new AlertEngine(List.of(rules), objectRules(), appErrorRules(), clock);
  }

  /** {@code count} rejects from {@code key} in bucket landing, now. */
  void rejects(AlertEngine engine, String key, String reason, int count) {
    for (int i = 0; i < count; i++) {
      engine.onReject(new RejectEvent(clock.instant(), "landing", key, reason));
    }
  }

  /** A ledger record: the cumulative counts the given ledger key holds for the object, now. */
  void ledger(AlertEngine engine, String ledgerKey, ObjectRef object, long curated, long rejected, long duplicates) {
    ledgerVersion++;
    engine.onLedger(new LedgerUpdate(ledgerKey, object, curated, rejected, duplicates, clock.instant()));
  }

  /** The ledger growing by {@code lines} judged lines of {@code key} (one fresh ledger key per call). */
  void judged(AlertEngine engine, String key, long lines) {
    ledger(engine, "t" + ledgerVersion + "|" + key, object(key), lines, 0, 0);
  }

  static ObjectRef object(String key) {
    return new ObjectRef("landing", key, "etag-" + key.hashCode());
  }

  AuditEvent completed(String key, long lines) {
    return new AuditEvent(object(key), lines, lines * 100, clock.instant(), false, null);
  }

  AuditEvent failed(String key, String error) {
    return new AuditEvent(object(key), 0, 0, clock.instant(), true, error);
  }

  AppErrorEvent appError(String app, String kind) {
    return new AppErrorEvent(app, kind, kind + " in " + app, clock.instant(), "pod-1");
  }
}
