package dev.listings.cleaner.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.cleaner.streams.OutcomeListener;
import dev.listings.cleaner.streams.Reject;
import dev.listings.schemas.apperrors.AppErrorPublisher;
import dev.listings.schemas.apperrors.AppErrorReporter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The cleaner turns records its exception handlers routed into HANDLER_ROUTED_ERROR events, with where they failed. */
class AppErrorReportingTest {
  private static final Instant AT = Instant.parse("2026-01-05T08:30:00Z");

  @Test
  void publishesAHandlerRoutedRecordAsAnAppErrorEvent() throws Exception {
    MockProducer<String, byte[]> producer =
        new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    List<String> rejected = new ArrayList<>();
    OutcomeListener metrics = new OutcomeListener() {
      @Override
      public void rejected(String reason) {
        rejected.add(reason);
      }
    };
    try (AppErrorPublisher publisher = new AppErrorPublisher("pipeline.app-errors.v1", () -> producer, 10)) {
      OutcomeListener listener = metrics.andThen(AppErrorReporting.handlerRoutedEvents(
          new AppErrorReporter("listings-cleaner", "cleaner-1", Clock.fixed(AT, ZoneOffset.UTC), publisher)));

      listener.rejected("DESERIALIZATION_ERROR");
      listener.routedByHandler("DESERIALIZATION_ERROR", "the record could not be deserialized: boom",
          new Reject.ErrorDetails("org.apache.kafka.common.errors.SerializationException", "boom",
              "listings-cleaner-by-id-repartition", 3, 42L, "by-id-repartition-source"));
      listener.rejected("PRICE_UNPARSEABLE");

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (publisher.published() < 1 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }

    assertThat(rejected).containsExactly("DESERIALIZATION_ERROR", "PRICE_UNPARSEABLE");
    assertThat(producer.history()).singleElement().satisfies(record -> {
      assertThat(record.topic()).isEqualTo("pipeline.app-errors.v1");
      assertThat(record.key()).isEqualTo("listings-cleaner");
      JsonNode event = new ObjectMapper().readTree(record.value());
      assertThat(event.get("app").asText()).isEqualTo("listings-cleaner");
      assertThat(event.get("kind").asText()).isEqualTo("HANDLER_ROUTED_ERROR");
      assertThat(event.get("message").asText()).isEqualTo("the record could not be deserialized: boom");
      assertThat(event.get("at").asText()).isEqualTo("2026-01-05T08:30:00Z");
      assertThat(event.get("instance").asText()).isEqualTo("cleaner-1");
      JsonNode details = event.get("details");
      assertThat(details.get("reason").asText()).isEqualTo("DESERIALIZATION_ERROR");
      assertThat(details.get("topic").asText()).isEqualTo("listings-cleaner-by-id-repartition");
      assertThat(details.get("partition").asText()).isEqualTo("3");
      assertThat(details.get("offset").asText()).isEqualTo("42");
      assertThat(details.get("processor").asText()).isEqualTo("by-id-repartition-source");
      assertThat(details.get("exception").asText())
          .isEqualTo("org.apache.kafka.common.errors.SerializationException");
    });
  }
}
