package dev.listings.cleaner.app;

import dev.listings.schemas.health.StreamsReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while Kafka Streams is RUNNING (not while rebalancing or restoring). Liveness is the extension's own state
 * check, which also accepts REBALANCING, so a rebalance never gets the pod restarted (see {@link StreamsReadiness}).
 */
@Readiness
@ApplicationScoped
public class StreamsReadinessCheck implements HealthCheck {
  @Inject KafkaStreams streams;

  @Override
  public HealthCheckResponse call() {
    return StreamsReadiness.whileRunning("Kafka Streams running", streams.state());
  }
}
