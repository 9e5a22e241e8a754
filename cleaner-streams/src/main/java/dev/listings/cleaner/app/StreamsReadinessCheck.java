package dev.listings.cleaner.app;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while Kafka Streams is RUNNING (not while rebalancing or restoring). Liveness is the extension's own state
 * check, which also accepts REBALANCING, so a rebalance never gets the pod restarted.
 */
@Readiness
@ApplicationScoped
public class StreamsReadinessCheck implements HealthCheck {
  @Inject KafkaStreams streams;

  @Override
  public HealthCheckResponse call() {
    KafkaStreams.State state = streams.state();
    return HealthCheckResponse.named("Kafka Streams running")
        .status(state == KafkaStreams.State.RUNNING)
        .withData("state", state.name())
        .build();
  }
}
