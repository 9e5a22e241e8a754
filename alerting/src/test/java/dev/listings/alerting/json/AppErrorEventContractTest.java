package dev.listings.alerting.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.alerting.model.AppErrorEvent;
import dev.listings.schemas.apperrors.AppErrorKinds;
import dev.listings.schemas.apperrors.AppErrorPublisher;
import dev.listings.schemas.apperrors.AppErrorReporter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The events the cleaner and the use cases publish (through the shared {@code schemas} reporter) are what this app's
 * decoder reads: same app, kind, message, time and instance, so the alert's labels and severity come out right.
 */
class AppErrorEventContractTest {
  private static final Instant AT = Instant.parse("2026-01-05T08:30:00Z");

  @Test
  void decodesAStreamThreadDeathAsPublishedByTheApps() throws Exception {
    ProducerRecord<String, byte[]> record = publish(reporter -> reporter.streamThreadDied(
        "listings-cleaner-StreamThread-1", new IllegalStateException("boom"), "REPLACE_THREAD"));

    AppErrorEvent event = InputDecoder.appError(record.value(), 0L);

    assertThat(record.key()).isEqualTo("listings-cleaner");
    assertThat(event).isEqualTo(new AppErrorEvent("listings-cleaner", AppErrorKinds.STREAM_THREAD_DIED,
        "IllegalStateException: boom", AT, "cleaner-0"));
  }

  @Test
  void decodesTheErrorStateAndHandlerRoutedEvents() throws Exception {
    AppErrorEvent error = InputDecoder.appError(
        publish(reporter -> reporter.streamsErrorState("RUNNING")).value(), 0L);
    AppErrorEvent routed = InputDecoder.appError(publish(reporter -> reporter.report(
        AppErrorKinds.HANDLER_ROUTED_ERROR, "the record could not be deserialized",
        Map.of("reason", "DESERIALIZATION_ERROR", "offset", "42"))).value(), 0L);

    assertThat(error.kind()).isEqualTo("STREAMS_ERROR_STATE");
    assertThat(error.message()).contains("RUNNING", "ERROR");
    assertThat(routed.kind()).isEqualTo("HANDLER_ROUTED_ERROR");
    assertThat(routed.message()).isEqualTo("the record could not be deserialized");
    assertThat(routed.at()).isEqualTo(AT);
    assertThat(routed.instance()).isEqualTo("cleaner-0");
  }

  private static ProducerRecord<String, byte[]> publish(java.util.function.Consumer<AppErrorReporter> action)
      throws InterruptedException {
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    try (AppErrorPublisher publisher = new AppErrorPublisher("pipeline.app-errors.v1", () -> producer, 10)) {
      action.accept(new AppErrorReporter("listings-cleaner", "cleaner-0", Clock.fixed(AT, ZoneOffset.UTC),
          publisher));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (publisher.published() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }
    assertThat(producer.history()).hasSize(1);
    return producer.history().get(0);
  }
}
