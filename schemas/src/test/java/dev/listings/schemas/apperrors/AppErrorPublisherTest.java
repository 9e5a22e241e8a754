package dev.listings.schemas.apperrors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class AppErrorPublisherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-01-05T08:30:00Z");

  private static MockProducer<String, byte[]> mockProducer(boolean autoComplete) {
    return new MockProducer<>(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
  }

  private static AppErrorEvent event(String kind) {
    return new AppErrorEvent("listings-cleaner", kind, "boom", NOW, "cleaner-0", Map.of());
  }

  @Test
  void publishesAThreadDeathKeyedByAppInTheDocumentedFormat() throws Exception {
    MockProducer<String, byte[]> producer = mockProducer(true);
    try (AppErrorPublisher publisher = new AppErrorPublisher("errors", () -> producer, 10)) {
      AppErrorReporter reporter =
          new AppErrorReporter("listings-cleaner", "cleaner-0", Clock.fixed(NOW, ZoneOffset.UTC), publisher);

      reporter.streamThreadDied("listings-cleaner-StreamThread-1",
          new IllegalStateException("task failed", new ArithmeticException("/ by zero")), "REPLACE_THREAD");

      await(() -> publisher.published() == 1);
    }
    ProducerRecord<String, byte[]> record = producer.history().get(0);
    assertThat(record.topic()).isEqualTo("errors");
    assertThat(record.key()).isEqualTo("listings-cleaner");
    JsonNode json = JSON.readTree(record.value());
    assertThat(json.get("app").asText()).isEqualTo("listings-cleaner");
    assertThat(json.get("kind").asText()).isEqualTo("STREAM_THREAD_DIED");
    assertThat(json.get("message").asText()).isEqualTo("IllegalStateException: task failed");
    assertThat(json.get("at").asText()).isEqualTo("2026-01-05T08:30:00Z");
    assertThat(json.get("instance").asText()).isEqualTo("cleaner-0");
    assertThat(json.get("details").get("thread").asText()).isEqualTo("listings-cleaner-StreamThread-1");
    assertThat(json.get("details").get("exception").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(json.get("details").get("root_cause").asText()).isEqualTo("ArithmeticException: / by zero");
    assertThat(json.get("details").get("response").asText()).isEqualTo("REPLACE_THREAD");
  }

  @Test
  void neverThrowsWhenTheProducerCannotBeCreatedAndTriesAgainWithTheNextEvent() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    MockProducer<String, byte[]> producer = mockProducer(true);
    try (AppErrorPublisher publisher = new AppErrorPublisher("errors", () -> {
      if (attempts.incrementAndGet() == 1) {
        throw new IllegalStateException("no bootstrap servers reachable");
      }
      return producer;
    }, 10)) {
      assertThat(publisher.publish(event("STREAM_THREAD_DIED"))).isTrue();
      await(() -> publisher.failed() == 1);

      assertThat(publisher.publish(event("STREAMS_ERROR_STATE"))).isTrue();
      await(() -> publisher.published() == 1);
    }
    assertThat(attempts).hasValue(2);
    assertThat(producer.history()).singleElement()
        .satisfies(r -> assertThat(JSON.readTree(r.value()).get("kind").asText()).isEqualTo("STREAMS_ERROR_STATE"));
  }

  @Test
  void dropsEventsRatherThanBlockWhenTheQueueIsFull() throws Exception {
    CountDownLatch creating = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    MockProducer<String, byte[]> producer = mockProducer(true);
    try (AppErrorPublisher publisher = new AppErrorPublisher("errors", () -> {
      creating.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return producer;
    }, 1)) {
      publisher.publish(event("A"));
      assertThat(creating.await(10, TimeUnit.SECONDS)).isTrue();

      long start = System.nanoTime();
      assertThat(publisher.publish(event("B"))).isTrue();
      assertThat(publisher.publish(event("C"))).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      assertThat(publisher.dropped()).isEqualTo(1);

      release.countDown();
      await(() -> publisher.published() == 2);
    }
    assertThat(producer.history()).extracting(r -> JSON.readTree(r.value()).get("kind").asText())
        .containsExactly("A", "B");
  }

  @Test
  void countsEventsTheBrokerRefused() throws Exception {
    MockProducer<String, byte[]> producer = mockProducer(false);
    try (AppErrorPublisher publisher = new AppErrorPublisher("errors", () -> producer, 10)) {
      publisher.publish(event("STREAM_THREAD_DIED"));
      await(() -> producer.history().size() == 1);

      assertThat(producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("topic missing"))).isTrue();

      await(() -> publisher.failed() == 1);
      assertThat(publisher.published()).isZero();
    }
  }

  @Test
  void sendsWhatIsQueuedOnCloseAndDropsWhatComesAfter() {
    MockProducer<String, byte[]> producer = mockProducer(true);
    AppErrorPublisher publisher = new AppErrorPublisher("errors", () -> producer, 100);
    for (int i = 0; i < 20; i++) {
      publisher.publish(event("E" + i));
    }

    publisher.close(Duration.ofSeconds(10));

    assertThat(producer.history()).hasSize(20);
    assertThat(producer.closed()).isTrue();
    assertThat(publisher.publish(event("LATE"))).isFalse();
    assertThat(publisher.dropped()).isEqualTo(1);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(10);
    }
  }
}
