package dev.listings.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.alerting.model.Alert;
import dev.listings.alerting.model.Severity;
import dev.listings.alerting.notify.RecordingHttpServer.Response;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliveryWorkerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final RetryPolicy FAST =
      new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(30));

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final Sleeper recordingSleeper = duration -> {
    sleeps.add(duration);
    Thread.sleep(Math.min(duration.toMillis(), 50));
  };
  private RecordingHttpServer receiver;
  private DeliveryWorker worker;

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = RecordingHttpServer.start();
  }

  @AfterEach
  void stop() {
    if (worker != null) {
      worker.close(Duration.ofSeconds(2));
    }
    receiver.close();
  }

  private DeliveryWorker slackWorker(RetryPolicy policy) {
    HttpJsonNotifier slack = HttpJsonNotifier.slack(receiver.url("/slack"), Duration.ofSeconds(2), Clock.systemUTC());
    return new DeliveryWorker(slack, policy, new RateLimiter(600, 10, Clock.systemUTC()), 10, recordingSleeper,
        registry).start();
  }

  private double count(String name, String... tags) {
    var counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void retriesOnServerErrorThenDeliversOnce() throws Exception {
    receiver.enqueue("/slack", Response.of(500), Response.of(500));
    worker = slackWorker(FAST);

    worker.offer(TestAlerts.firing(Severity.WARNING));

    assertThat(receiver.await("/slack", 3, WAIT)).hasSize(3)
        .extracting(RecordingHttpServer.Request::body).containsOnly(receiver.requests("/slack").get(0).body());
    awaitCount("alerting.notifications", 1, "notifier", "slack", "outcome", "delivered");
    assertThat(count("alerting.notifier.failures", "notifier", "slack", "retryable", "true")).isEqualTo(2);
    assertThat(sleeps).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
  }

  @Test
  void waitsAsLongAsRetryAfterAsks() throws Exception {
    receiver.enqueue("/slack", new Response(429, Map.of("Retry-After", "2"), ""));
    worker = slackWorker(FAST);

    worker.offer(TestAlerts.firing(Severity.WARNING));

    assertThat(receiver.await("/slack", 2, WAIT)).hasSize(2);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
  }

  @Test
  void givesUpAtOnceOnAClientError() throws Exception {
    receiver.enqueue("/slack", Response.of(403));
    worker = slackWorker(FAST);

    worker.offer(TestAlerts.firing(Severity.WARNING));

    awaitCount("alerting.notifications", 1, "notifier", "slack", "outcome", "failed");
    assertThat(receiver.requests("/slack")).hasSize(1);
    assertThat(count("alerting.notifier.failures", "notifier", "slack", "retryable", "false")).isEqualTo(1);
  }

  @Test
  void givesUpAfterTheLastAttempt() throws Exception {
    receiver.answer("/slack", request -> Response.of(503));
    worker = slackWorker(FAST);

    worker.offer(TestAlerts.firing(Severity.WARNING));

    awaitCount("alerting.notifications", 1, "notifier", "slack", "outcome", "failed");
    assertThat(receiver.requests("/slack")).hasSize(4);
    assertThat(count("alerting.notifier.failures", "notifier", "slack", "retryable", "true")).isEqualTo(4);
  }

  @Test
  void offerNeverBlocksAndDropsTheOldestWhenTheQueueIsFull() throws Exception {
    CountDownLatch inFlight = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> delivered = new CopyOnWriteArrayList<>();
    Notifier stuck = new Notifier() {
      @Override
      public String name() {
        return "stuck";
      }

      @Override
      public DeliveryResult deliver(Alert alert) {
        inFlight.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        delivered.add(alert.summary());
        return DeliveryResult.delivered();
      }
    };
    worker = new DeliveryWorker(stuck, FAST, new RateLimiter(600, 10, Clock.systemUTC()), 2, recordingSleeper,
        registry).start();
    worker.offer(alertNamed("a0"));
    assertThat(inFlight.await(5, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    for (int i = 1; i <= 4; i++) {
      worker.offer(alertNamed("a" + i));
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    release.countDown();

    awaitCount("alerting.notifications", 3, "notifier", "stuck", "outcome", "delivered");
    assertThat(delivered).containsExactly("a0", "a3", "a4");
    assertThat(count("alerting.notifications", "notifier", "stuck", "outcome", "dropped")).isEqualTo(2);
  }

  private static Alert alertNamed(String summary) {
    Alert base = TestAlerts.firing(Severity.INFO);
    return new Alert(base.incidentId(), base.incidentKey(), base.status(), base.kind(), base.rule(),
        base.severity(), summary, base.labels(), base.values(), base.startedAt(), null, null, base.at());
  }

  private void awaitCount(String name, double expected, String... tags) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (count(name, tags) < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(count(name, tags)).isEqualTo(expected);
  }
}
