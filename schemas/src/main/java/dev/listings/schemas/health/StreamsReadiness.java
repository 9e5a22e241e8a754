package dev.listings.schemas.health;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The readiness rule of the Kafka Streams apps: ready only while Kafka Streams is RUNNING, not while it rebalances or
 * restores, so that traffic (and a rollout) waits for an instance that processes and can serve its stores. Liveness
 * is the Kafka Streams extension's own state check, which also accepts REBALANCING, so a rebalance never gets a pod
 * restarted. The apps' readiness beans answer with {@link #whileRunning}.
 *
 * <p>Needs Kafka Streams and the MicroProfile Health API on the class path.
 */
public final class StreamsReadiness {
  private StreamsReadiness() {}

  /** Up iff {@code state} is RUNNING, with the state as data {@code state}. */
  public static HealthCheckResponse whileRunning(String name, KafkaStreams.State state) {
    return new HealthCheckResponse(name,
        state == KafkaStreams.State.RUNNING ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
        Optional.of(Map.of("state", state.name())));
  }
}
