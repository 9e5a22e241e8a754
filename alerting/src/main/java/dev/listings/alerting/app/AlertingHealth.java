package dev.listings.alerting.app;

import dev.listings.alerting.kafka.LoopStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Liveness: the consume loop runs and has polled recently (a stopped loop gets the pod restarted, which rebuilds the
 * state from the topics). Readiness: additionally, the required inputs exist and were read up to date, so the rules
 * are being evaluated.
 */
@ApplicationScoped
public class AlertingHealth {
  private static final Duration STALE_AFTER = Duration.ofMinutes(2);

  @Inject AlertingService service;

  @Produces
  @Liveness
  HealthCheck loopAlive() {
    return () -> {
      LoopStatus status = service.status();
      boolean fresh = status.lastPoll() == null
          || Duration.between(status.lastPoll(), Instant.now()).compareTo(STALE_AFTER) < 0;
      return describe(HealthCheckResponse.named("alerting consume loop"), status)
          .status(status.running() && fresh)
          .build();
    };
  }

  @Produces
  @Readiness
  HealthCheck evaluating() {
    return () -> {
      LoopStatus status = service.status();
      return describe(HealthCheckResponse.named("alerting evaluating"), status)
          .status(status.running() && status.caughtUp())
          .withData("notifiers", String.join(",", service.notifiers()))
          .build();
    };
  }

  private static HealthCheckResponseBuilder describe(HealthCheckResponseBuilder builder, LoopStatus status) {
    builder.withData("caught_up", status.caughtUp())
        .withData("missing_topics", String.join(",", status.missingTopics()));
    if (status.lastPoll() != null) {
      builder.withData("last_poll", status.lastPoll().toString());
    }
    if (status.failure() != null) {
      builder.withData("failure", status.failure());
    }
    return builder;
  }
}
