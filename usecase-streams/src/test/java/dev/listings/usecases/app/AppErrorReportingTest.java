package dev.listings.usecases.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.schemas.apperrors.AppErrorPublisher;
import dev.listings.schemas.apperrors.AppErrorReporter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

/** The use cases report a dying stream thread and the ERROR state it leads to, and still shut the instance down. */
class AppErrorReportingTest {
  private static final Instant AT = Instant.parse("2026-01-05T08:30:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void reportsAThreadDeathAndTheErrorStateAndShutsTheInstanceDown() throws Exception {
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    AppErrorReporting reporting = new AppErrorReporting();
    StreamThreadExceptionResponse response;
    try (AppErrorPublisher publisher = new AppErrorPublisher("pipeline.app-errors.v1", () -> producer, 10)) {
      AppErrorReporter reporter =
          new AppErrorReporter("listings-usecases", "usecases-0", Clock.fixed(AT, ZoneOffset.UTC), publisher);

      response = reporting.reportDeadThreads(reporter)
          .handle(new StreamsException("Exception caught in process", new IllegalStateException("bad state")));
      KafkaStreams.StateListener states = reporting.reportErrorState(reporter);
      states.onChange(KafkaStreams.State.REBALANCING, KafkaStreams.State.RUNNING);
      states.onChange(KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.RUNNING);
      states.onChange(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (publisher.published() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }

    assertThat(response).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    List<JsonNode> events = producer.history().stream().map(r -> {
      assertThat(r.key()).isEqualTo("listings-usecases");
      try {
        return JSON.readTree(r.value());
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }).toList();
    assertThat(events).extracting(e -> e.get("kind").asText())
        .containsExactly("STREAM_THREAD_DIED", "STREAMS_ERROR_STATE");
    JsonNode died = events.get(0);
    assertThat(died.get("app").asText()).isEqualTo("listings-usecases");
    assertThat(died.get("message").asText()).isEqualTo("StreamsException: Exception caught in process");
    assertThat(died.get("instance").asText()).isEqualTo("usecases-0");
    assertThat(died.get("details").get("root_cause").asText()).isEqualTo("IllegalStateException: bad state");
    assertThat(died.get("details").get("response").asText()).isEqualTo("SHUTDOWN_CLIENT");
    assertThat(events.get(1).get("details").get("previous_state").asText()).isEqualTo("PENDING_ERROR");
  }
}
