package dev.listings.usecases.app;

import dev.listings.schemas.health.StreamsReadiness;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while Kafka Streams is RUNNING: during a rebalance stores may not be queryable, so traffic should go to
 * other instances. Liveness (the extension's check) also accepts REBALANCING, so a rebalance never restarts the pod
 * (see {@link StreamsReadiness}).
 */
@Readiness
@ApplicationScoped
public class StreamsReadinessCheck implements HealthCheck {
  private final KafkaStreams streams;

  public StreamsReadinessCheck(KafkaStreams streams) {
    this.streams = streams;
  }

  @Override
  public HealthCheckResponse call() {
    return StreamsReadiness.whileRunning("use-case streams running", streams.state());
  }
}
