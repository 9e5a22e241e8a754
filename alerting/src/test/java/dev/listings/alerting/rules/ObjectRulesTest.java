package dev.listings.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.alerting.model.Alert;
import dev.listings.alerting.model.AlertKind;
import dev.listings.alerting.model.AlertStatus;
import dev.listings.alerting.model.ObjectRef;
import dev.listings.alerting.model.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectRulesTest {
  private final EngineFixture fx = new EngineFixture();
  private final AlertEngine engine = fx.engine();

  @Test
  void failedObjectAlertsOnceAndResolvesWhenReingested() {
    engine.onAudit(fx.failed("partner-a/a.jsonl", "S3 GetObject: Access Denied"));

    List<Alert> first = engine.evaluate();
    fx.clock.advance(Duration.ofMinutes(5));
    List<Alert> second = engine.evaluate();

    assertThat(first).singleElement().satisfies(alert -> {
      assertThat(alert.kind()).isEqualTo(AlertKind.OBJECT_FAILED);
      assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(alert.incidentKey()).isEqualTo("object-failed/s3://landing/partner-a/a.jsonl");
      assertThat(alert.summary()).contains("s3://landing/partner-a/a.jsonl", "Access Denied");
      assertThat(alert.labels()).containsEntry("object", "s3://landing/partner-a/a.jsonl");
    });
    assertThat(second).isEmpty();

    engine.onAudit(fx.completed("partner-a/a.jsonl", 0));
    assertThat(engine.evaluate()).singleElement().satisfies(alert -> {
      assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(alert.incidentId()).isEqualTo(first.get(0).incidentId());
      assertThat(alert.resolution()).startsWith("re-ingested successfully");
    });
  }

  @Test
  void repeatedFailuresOfTheSameObjectAreOneIncident() {
    engine.onAudit(fx.failed("partner-a/a.jsonl", "timeout"));
    assertThat(engine.evaluate()).hasSize(1);
    fx.clock.advance(Duration.ofMinutes(1));
    engine.onAudit(fx.failed("partner-a/a.jsonl", "timeout again"));

    assertThat(engine.evaluate()).isEmpty();
  }

  @Test
  void failedObjectIncidentEndsWhenTrackingEnds() {
    engine.onAudit(fx.failed("partner-a/a.jsonl", "boom"));
    assertThat(engine.evaluate()).hasSize(1);

    fx.clock.advance(Duration.ofHours(25));

    assertThat(engine.evaluate()).singleElement()
        .satisfies(alert -> assertThat(alert.resolution()).startsWith("no longer tracked"));
  }

  @Test
  void unaccountedObjectAlertsOnlyAfterTheTimeout() {
    ObjectRef object = EngineFixture.object("partner-a/a.jsonl");
    engine.onAudit(fx.completed("partner-a/a.jsonl", 10));
    fx.ledger(engine, "0_0.judge|x", object, 0, 2, 0);
    fx.ledger(engine, "1_0.dedupe|x", object, 4, 0, 1);

    fx.clock.advance(Duration.ofMinutes(14));
    assertThat(engine.evaluate()).isEmpty();
    fx.clock.advance(Duration.ofMinutes(1));
    List<Alert> alerts = engine.evaluate();

    assertThat(alerts).singleElement().satisfies(alert -> {
      assertThat(alert.kind()).isEqualTo(AlertKind.OBJECT_UNACCOUNTED);
      assertThat(alert.severity()).isEqualTo(Severity.WARNING);
      assertThat(alert.incidentKey()).isEqualTo("object-unaccounted/" + object);
      assertThat(alert.values()).containsEntry("lines", 10L).containsEntry("accounted", 7L)
          .containsEntry("missing", 3L);
    });
    fx.clock.advance(Duration.ofMinutes(1));
    assertThat(engine.evaluate()).isEmpty();

    fx.ledger(engine, "1_0.dedupe|x", object, 7, 0, 1);
    assertThat(engine.evaluate()).singleElement().satisfies(alert -> {
      assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
      assertThat(alert.resolution()).isEqualTo("accounted for: 10 of 10 lines");
    });
  }

  @Test
  void objectAccountedForInTimeNeverAlerts() {
    ObjectRef object = EngineFixture.object("partner-a/a.jsonl");
    engine.onAudit(fx.completed("partner-a/a.jsonl", 10));
    fx.clock.advance(Duration.ofMinutes(3));
    fx.ledger(engine, "0_0.judge|x", object, 0, 3, 0);
    fx.ledger(engine, "1_0.dedupe|x", object, 5, 0, 2);

    for (int minute = 0; minute < 60; minute++) {
      assertThat(engine.evaluate()).isEmpty();
      fx.clock.advance(Duration.ofMinutes(1));
    }
  }

  @Test
  void ledgerTombstoneTakesTheKeysCountsAway() {
    ObjectRef object = EngineFixture.object("partner-a/a.jsonl");
    fx.ledger(engine, "0_0.judge|x", object, 0, 4, 0);
    fx.ledger(engine, "1_0.dedupe|x", object, 6, 0, 0);
    engine.onLedgerDeleted("0_0.judge|x");
    engine.onAudit(fx.completed("partner-a/a.jsonl", 10));

    fx.clock.advance(Duration.ofMinutes(16));

    assertThat(engine.evaluate()).singleElement()
        .satisfies(alert -> assertThat(alert.values()).containsEntry("accounted", 6L));
  }
}
