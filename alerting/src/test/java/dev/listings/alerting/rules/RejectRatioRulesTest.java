package dev.listings.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.alerting.model.Alert;
import dev.listings.alerting.model.AlertKind;
import dev.listings.alerting.model.AlertStatus;
import dev.listings.alerting.model.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RejectRatioRulesTest {
  private final EngineFixture fx = new EngineFixture();
  private final AlertEngine engine = fx.engine(EngineFixture.perSource());

  /** Evaluates every 5 s for the given duration and collects the alerts. */
  private List<Alert> runFor(Duration duration) {
    List<Alert> alerts = new ArrayList<>();
    for (Duration t = Duration.ZERO; t.compareTo(duration) < 0; t = t.plusSeconds(5)) {
      alerts.addAll(engine.evaluate());
      fx.clock.advance(Duration.ofSeconds(5));
    }
    return alerts;
  }

  @Test
  void rejectSpikeFiresOnceAndResolvesOnce() {
    fx.judged(engine, "partner-a/2026/01/a.jsonl", 200);
    fx.rejects(engine, "partner-a/2026/01/a.jsonl", "PRICE_UNPARSEABLE", 90);

    List<Alert> alerts = runFor(Duration.ofMinutes(30));

    assertThat(alerts).extracting(Alert::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    Alert firing = alerts.get(0);
    assertThat(firing.kind()).isEqualTo(AlertKind.REJECT_RATIO);
    assertThat(firing.severity()).isEqualTo(Severity.WARNING);
    assertThat(firing.incidentKey()).isEqualTo("reject-ratio/per-source/landing/partner-a");
    assertThat(firing.labels()).containsEntry("source", "landing/partner-a");
    assertThat(firing.values()).containsEntry("rejected", 90L).containsEntry("lines", 200L)
        .containsEntry("ratio", 0.45);
    assertThat(firing.summary()).contains("45.0%", "20.0%", "10m", "landing/partner-a", "90 of 200 lines");
    Alert resolved = alerts.get(1);
    assertThat(resolved.incidentId()).isEqualTo(firing.incidentId());
    assertThat(resolved.startedAt()).isEqualTo(firing.startedAt());
    assertThat(resolved.resolution()).isEqualTo("no rejects left in the last 10m");
    // The spike leaves the 10-minute window, then the incident stays clear for the 2-minute resolve-after.
    assertThat(Duration.between(firing.startedAt(), resolved.resolvedAt()))
        .isBetween(Duration.ofMinutes(12), Duration.ofMinutes(12).plusSeconds(10));
  }

  @Test
  void lowVolumeNeverFiresEvenWhenEverythingIsRejected() {
    fx.judged(engine, "partner-a/a.jsonl", 30);
    fx.rejects(engine, "partner-a/a.jsonl", "MISSING_FIELD", 30);

    assertThat(runFor(Duration.ofMinutes(20))).isEmpty();
  }

  @Test
  void ratioAtOrBelowTheThresholdDoesNotFire() {
    fx.judged(engine, "partner-a/a.jsonl", 500);
    fx.rejects(engine, "partner-a/a.jsonl", "MISSING_FIELD", 100);

    assertThat(runFor(Duration.ofMinutes(1))).isEmpty();
  }

  @Test
  void sourcesAreJudgedSeparately() {
    fx.judged(engine, "partner-a/a.jsonl", 100);
    fx.judged(engine, "partner-b/b.jsonl", 10_000);
    fx.rejects(engine, "partner-a/a.jsonl", "AREA_INVALID", 40);
    fx.rejects(engine, "partner-b/b.jsonl", "AREA_INVALID", 40);

    assertThat(engine.evaluate()).extracting(Alert::incidentKey)
        .containsExactly("reject-ratio/per-source/landing/partner-a");
  }

  @Test
  void incidentStaysOpenBetweenTheResolveAndTheFireThreshold() {
    fx.judged(engine, "partner-a/a.jsonl", 100);
    fx.rejects(engine, "partner-a/a.jsonl", "AREA_INVALID", 30);
    assertThat(engine.evaluate()).hasSize(1);

    // 30 of 200 = 15%: below the 20% that fires, above the 10% that resolves.
    fx.judged(engine, "partner-a/a.jsonl", 100);
    assertThat(runFor(Duration.ofMinutes(5))).isEmpty();
    assertThat(engine.openIncidents()).isEqualTo(1);

    // 30 of 400 = 7.5%: resolves after the 2-minute resolve-after.
    fx.judged(engine, "partner-a/a.jsonl", 200);
    List<Alert> alerts = runFor(Duration.ofMinutes(3));
    assertThat(alerts).extracting(Alert::status).containsExactly(AlertStatus.RESOLVED);
    assertThat(alerts.get(0).resolution()).contains("7.5%", "30 of 400 lines");
  }

  @Test
  void briefClearingWithinResolveAfterDoesNotResolveOrFireAgain() {
    fx.judged(engine, "partner-a/a.jsonl", 100);
    fx.rejects(engine, "partner-a/a.jsonl", "AREA_INVALID", 30);
    assertThat(engine.evaluate()).hasSize(1);

    fx.judged(engine, "partner-a/a.jsonl", 300);
    assertThat(runFor(Duration.ofMinutes(1))).isEmpty();
    fx.rejects(engine, "partner-a/a.jsonl", "AREA_INVALID", 200);

    assertThat(runFor(Duration.ofMinutes(5))).isEmpty();
    assertThat(engine.openIncidents()).isEqualTo(1);
  }

  @Test
  void perReasonRuleOpensOneIncidentPerDominantReason() {
    AlertEngine byReason = fx.engine(EngineFixture.perReason());
    fx.judged(byReason, "partner-a/a.jsonl", 200);
    fx.rejects(byReason, "partner-a/a.jsonl", "PRICE_UNPARSEABLE", 80);
    fx.rejects(byReason, "partner-a/a.jsonl", "DATE_INVALID", 20);

    List<Alert> alerts = byReason.evaluate();

    assertThat(alerts).singleElement().satisfies(alert -> {
      assertThat(alert.incidentKey()).isEqualTo("reject-ratio/per-reason/landing/partner-a/PRICE_UNPARSEABLE");
      assertThat(alert.labels()).containsEntry("reason", "PRICE_UNPARSEABLE");
      assertThat(alert.values()).containsEntry("ratio", 0.4);
      assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
    });
  }

  @Test
  void denominatorIsNeverBelowTheRejectsWhileTheLedgerLags() {
    fx.rejects(engine, "partner-a/a.jsonl", "MALFORMED_RECORD", 60);

    List<Alert> alerts = engine.evaluate();

    assertThat(alerts).singleElement().satisfies(alert ->
        assertThat(alert.values()).containsEntry("ratio", 1.0).containsEntry("lines", 60L));
  }

  @Test
  void ledgerGrowthIsCountedOnceAcrossUpdatesOfTheSameKey() {
    var object = EngineFixture.object("partner-a/a.jsonl");
    fx.ledger(engine, "0_0.judge|a", object, 0, 10, 0);
    fx.ledger(engine, "0_0.judge|a", object, 0, 20, 0);
    fx.ledger(engine, "1_0.dedupe|a", object, 150, 0, 30);
    fx.rejects(engine, "partner-a/a.jsonl", "AREA_INVALID", 20);

    // 20 rejected of 200 lines (not 210): the second update only adds its growth.
    assertThat(engine.evaluate()).isEmpty();
    fx.rejects(engine, "partner-a/a.jsonl", "AREA_INVALID", 21);
    assertThat(engine.evaluate()).singleElement()
        .satisfies(alert -> assertThat(alert.values()).containsEntry("lines", 200L).containsEntry("rejected", 41L));
  }

  @Test
  void restoredIncidentIsNotFiredAgainAndResolvesOnce() {
    fx.judged(engine, "partner-a/a.jsonl", 100);
    fx.rejects(engine, "partner-a/a.jsonl", "AREA_INVALID", 50);
    Alert firing = engine.evaluate().get(0);

    AlertEngine restarted = fx.engine(EngineFixture.perSource());
    restarted.restore(firing);
    fx.judged(restarted, "partner-a/a.jsonl", 100);
    fx.rejects(restarted, "partner-a/a.jsonl", "AREA_INVALID", 50);

    assertThat(restarted.evaluate()).isEmpty();
    fx.clock.advance(Duration.ofMinutes(11));
    List<Alert> later = new ArrayList<>(restarted.evaluate());
    fx.clock.advance(Duration.ofMinutes(3));
    later.addAll(restarted.evaluate());
    assertThat(later).singleElement().satisfies(alert -> {
      assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(alert.incidentId()).isEqualTo(firing.incidentId());
    });
  }
}
