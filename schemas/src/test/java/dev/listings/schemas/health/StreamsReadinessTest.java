package dev.listings.schemas.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class StreamsReadinessTest {
  @Test
  void readyOnlyWhileRunningWithTheStateAsData() {
    for (KafkaStreams.State state : KafkaStreams.State.values()) {
      HealthCheckResponse response = StreamsReadiness.whileRunning("streams running", state);

      assertThat(response.getName()).isEqualTo("streams running");
      assertThat(response.getStatus()).as(state.name()).isEqualTo(
          state == KafkaStreams.State.RUNNING ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN);
      assertThat(response.getData()).contains(Map.of("state", state.name()));
    }
  }
}
