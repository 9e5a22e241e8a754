package dev.listings.alerting.notify;

import dev.listings.alerting.model.Alert;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts to one notifier on its own thread, from a bounded queue, so a slow or failing receiver never holds
 * up the Kafka consume loop or the other notifiers. {@link #offer} never blocks: when the queue is full the oldest
 * queued alert is dropped and counted. Each alert is retried per the {@link RetryPolicy}, after waiting for the
 * {@link RateLimiter}.
 *
 * <p>Metrics: {@code alerting.notifications{notifier,outcome=delivered|failed|dropped}}, {@code
 * alerting.notifier.failures{notifier,retryable}} (one per failed attempt) and the gauge {@code
 * alerting.notifier.queue{notifier}}.
 */
public final class DeliveryWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Notifier notifier;
  private final RetryPolicy policy;
  private final RateLimiter limiter;
  private final Sleeper sleeper;
  private final BlockingQueue<Alert> queue;
  private final Counter delivered;
  private final Counter failed;
  private final Counter dropped;
  private final Counter retryableFailures;
  private final Counter permanentFailures;
  private final Thread thread;
  private volatile boolean running = true;

  public DeliveryWorker(Notifier notifier, RetryPolicy policy, RateLimiter limiter, int capacity, Sleeper sleeper,
      MeterRegistry registry) {
    this.notifier = notifier;
    this.policy = policy;
    this.limiter = limiter;
    this.sleeper = sleeper;
    this.queue = new ArrayBlockingQueue<>(capacity);
    String name = notifier.name();
    this.delivered = outcome(registry, name, "delivered");
    this.failed = outcome(registry, name, "failed");
    this.dropped = outcome(registry, name, "dropped");
    this.retryableFailures = failures(registry, name, true);
    this.permanentFailures = failures(registry, name, false);
    Gauge.builder("alerting.notifier.queue", queue, BlockingQueue::size)
        .tag("notifier", name)
        .description("Alerts waiting for delivery")
        .register(registry);
    this.thread = new Thread(this::run, "alerting-notifier-" + name);
    this.thread.setDaemon(true);
  }

  public String name() {
    return notifier.name();
  }

  public DeliveryWorker start() {
    thread.start();
    return this;
  }

  /** Queues the alert; drops the oldest queued alert when full. Never blocks. */
  public void offer(Alert alert) {
    while (!queue.offer(alert)) {
      Alert oldest = queue.poll();
      if (oldest != null) {
        dropped.increment();
        LOG.warn("{}: queue full, dropped alert {} ({})", notifier.name(), oldest.alertId(), oldest.summary());
      }
    }
  }

  /** Stops taking new work, delivers what is queued for up to {@code drain}, then stops. */
  public void close(Duration drain) {
    running = false;
    try {
      thread.join(Math.max(1, drain.toMillis()));
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(1000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    notifier.close();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  private void run() {
    try {
      while (running || !queue.isEmpty()) {
        Alert alert = queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
        if (alert != null) {
          awaitRateLimit();
          deliver(alert);
        }
      }
    } catch (InterruptedException e) {
      LOG.warn("{}: stopped with {} alerts undelivered", notifier.name(), queue.size());
    }
  }

  private void awaitRateLimit() throws InterruptedException {
    for (Duration wait = limiter.tryAcquire(); !wait.isZero(); wait = limiter.tryAcquire()) {
      sleeper.sleep(wait);
    }
  }

  /** Attempts the delivery until it succeeds, fails for good, or the policy gives up. */
  void deliver(Alert alert) throws InterruptedException {
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      DeliveryResult result = attempt(alert);
      if (result.outcome() == DeliveryResult.Outcome.DELIVERED) {
        delivered.increment();
        return;
      }
      (result.outcome() == DeliveryResult.Outcome.RETRYABLE ? retryableFailures : permanentFailures).increment();
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      Optional<Duration> delay = policy.nextDelay(attempt, elapsed, result);
      if (delay.isEmpty()) {
        failed.increment();
        LOG.error("{}: giving up on alert {} after {} attempt(s): {}", notifier.name(), alert.alertId(), attempt,
            result.detail());
        return;
      }
      LOG.warn("{}: attempt {} for alert {} failed ({}), retrying in {} ms", notifier.name(), attempt,
          alert.alertId(), result.detail(), delay.get().toMillis());
      sleeper.sleep(delay.get());
    }
  }

  private DeliveryResult attempt(Alert alert) {
    try {
      return notifier.deliver(alert);
    } catch (RuntimeException e) {
      return DeliveryResult.failed(e.toString());
    }
  }

  private static Counter outcome(MeterRegistry registry, String notifier, String outcome) {
    return Counter.builder("alerting.notifications")
        .tag("notifier", notifier)
        .tag("outcome", outcome)
        .description("Alerts per notifier by final outcome")
        .register(registry);
  }

  private static Counter failures(MeterRegistry registry, String notifier, boolean retryable) {
    return Counter.builder("alerting.notifier.failures")
        .tag("notifier", notifier)
        .tag("retryable", Boolean.toString(retryable))
        .description("Failed delivery attempts")
        .register(registry);
  }
}
