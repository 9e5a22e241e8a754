package dev.listings.schemas.apperrors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamsAppErrorsTest {
  private static final Instant AT = Instant.parse("2026-01-05T08:30:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void reportsEachThreadDeathWithTheAppsResponseAndOnlyTheErrorState() throws Exception {
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    List<StreamThreadExceptionResponse> responses;
    try (AppErrorPublisher publisher = new AppErrorPublisher("pipeline.app-errors.v1", () -> producer, 10)) {
      AppErrorReporter reporter =
          new AppErrorReporter("listings-cleaner", "cleaner-0", Clock.fixed(AT, ZoneOffset.UTC), publisher);

      StreamsException failure = new StreamsException("Exception caught in process", new IllegalStateException("x"));
      responses = List.of(
          StreamsAppErrors.reportDeadThreads(reporter, StreamThreadExceptionResponse.REPLACE_THREAD).handle(failure),
          StreamsAppErrors.reportDeadThreads(reporter, StreamThreadExceptionResponse.SHUTDOWN_CLIENT).handle(failure));
      KafkaStreams.StateListener states = StreamsAppErrors.reportErrorState(reporter);
      states.onChange(KafkaStreams.State.REBALANCING, KafkaStreams.State.RUNNING);
      states.onChange(KafkaStreams.State.PENDING_ERROR, KafkaStreams.State.RUNNING);
      states.onChange(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR);

      await(publisher, 3);
    }

    assertThat(responses)
        .containsExactly(StreamThreadExceptionResponse.REPLACE_THREAD, StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    List<JsonNode> events = producer.history().stream().map(record -> json(record.value())).toList();
    assertThat(events).extracting(event -> event.get("kind").asText())
        .containsExactly("STREAM_THREAD_DIED", "STREAM_THREAD_DIED", "STREAMS_ERROR_STATE");
    assertThat(events.subList(0, 2)).extracting(event -> event.get("details").get("response").asText())
        .containsExactly("REPLACE_THREAD", "SHUTDOWN_CLIENT");
    assertThat(events.get(0).get("details").get("thread").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(events.get(2).get("details").get("previous_state").asText()).isEqualTo("PENDING_ERROR");
  }

  @Test
  void countsThePublishersEventsByOutcome() throws Exception {
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (AppErrorPublisher publisher = new AppErrorPublisher("pipeline.app-errors.v1", () -> producer, 10)) {
      StreamsAppErrors.countEvents(registry, publisher);
      publisher.publish(new AppErrorEvent("listings-usecases", AppErrorKinds.STREAMS_ERROR_STATE, "down", AT, null,
          Map.of()));
      await(publisher, 1);

      assertThat(counter(registry, "published").count()).isEqualTo(1.0);
      assertThat(counter(registry, "failed").count()).isZero();
      assertThat(counter(registry, "dropped").count()).isZero();
    }
  }

  @Test
  void theReporterSendsOnTheTopicKeyedByAppAndClosesWithinItsTimeout() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AppErrorReporter reporter = StreamsAppErrors.toKafka("listings-cleaner", "pipeline.app-errors.v1",
        clientId -> Map.of("bootstrap.servers", "localhost:1"), registry);

    assertThat(reporter.publisher().topic()).isEqualTo("pipeline.app-errors.v1");
    assertThat(registry.find(StreamsAppErrors.EVENTS_METER).functionCounters()).hasSize(3);
    long start = System.nanoTime();
    StreamsAppErrors.close(reporter);
    assertThat(System.nanoTime() - start).isLessThan(StreamsAppErrors.CLOSE_TIMEOUT.toNanos() + 1_000_000_000L);
  }

  private static FunctionCounter counter(SimpleMeterRegistry registry, String outcome) {
    return registry.get(StreamsAppErrors.EVENTS_METER).tag("outcome", outcome).functionCounter();
  }

  private static void await(AppErrorPublisher publisher, long events) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (publisher.published() < events && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  private static JsonNode json(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
