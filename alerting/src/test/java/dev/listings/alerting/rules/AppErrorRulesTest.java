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

class AppErrorRulesTest {
  private final EngineFixture fx = new EngineFixture();
  private final AlertEngine engine = fx.engine();

  @Test
  void deadStreamThreadFiresOnceAsCriticalAndResolvesWhenQuiet() {
    engine.onAppError(fx.appError("listings-cleaner", "STREAM_THREAD_DIED"));
    List<Alert> alerts = new ArrayList<>(engine.evaluate());
    fx.clock.advance(Duration.ofMinutes(1));
    engine.onAppError(fx.appError("listings-cleaner", "STREAM_THREAD_DIED"));
    for (int i = 0; i < 12; i++) {
      alerts.addAll(engine.evaluate());
      fx.clock.advance(Duration.ofMinutes(1));
    }

    assertThat(alerts).extracting(Alert::status).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
    Alert firing = alerts.get(0);
    assertThat(firing.kind()).isEqualTo(AlertKind.APP_ERROR);
    assertThat(firing.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(firing.incidentKey()).isEqualTo("app-error/listings-cleaner/STREAM_THREAD_DIED");
    assertThat(firing.labels()).containsEntry("app", "listings-cleaner").containsEntry("instance", "pod-1");
  }

  @Test
  void kindWithAMinimumCountFiresOnlyOnceItIsReached() {
    engine.onAppError(fx.appError("listings-cleaner", "HANDLER_ROUTED_ERROR"));
    engine.onAppError(fx.appError("listings-cleaner", "HANDLER_ROUTED_ERROR"));
    assertThat(engine.evaluate()).isEmpty();

    engine.onAppError(fx.appError("listings-cleaner", "HANDLER_ROUTED_ERROR"));

    assertThat(engine.evaluate()).singleElement().satisfies(alert -> {
      assertThat(alert.severity()).isEqualTo(Severity.WARNING);
      assertThat(alert.values()).containsEntry("count", 3L);
    });
  }

  @Test
  void appsAndKindsAreSeparateIncidents() {
    engine.onAppError(fx.appError("listings-cleaner", "STREAM_THREAD_DIED"));
    engine.onAppError(fx.appError("listings-usecases", "STREAM_THREAD_DIED"));
    engine.onAppError(fx.appError("listings-usecases", "PRODUCER_FENCED"));

    assertThat(engine.evaluate()).extracting(Alert::incidentKey).containsExactlyInAnyOrder(
        "app-error/listings-cleaner/STREAM_THREAD_DIED",
        "app-error/listings-usecases/STREAM_THREAD_DIED",
        "app-error/listings-usecases/PRODUCER_FENCED");
  }
}
