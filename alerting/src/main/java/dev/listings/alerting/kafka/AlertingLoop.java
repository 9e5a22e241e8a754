package dev.listings.alerting.kafka;

import dev.listings.alerting.model.Alert;
import dev.listings.alerting.rules.AlertEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerting's single consume loop: restores open incidents from the alerts topic, assigns the inputs (see {@link
 * InputAssignment}), feeds every record to the {@link AlertEngine}, and once caught up evaluates the rules every
 * {@code evaluationInterval}, handing each alert to the sink. Notification happens elsewhere (the sink only queues),
 * so the loop is never held up by a receiver. An unexpected error stops the loop and is reported as not alive: a
 * restart rebuilds the state from the topics.
 */
public final class AlertingLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertingLoop.class);

  private final Consumer<byte[], byte[]> consumer;
  private final AlertEngine engine;
  private final AlertSink sink;
  private final InputTopics topics;
  private final Settings settings;
  private final Clock clock;
  private final RecordRouter router;
  private final InputAssignment assignment;
  private final MeterRegistry registry;
  private final Map<String, Counter> alertCounters = new HashMap<>();
  private volatile LoopStatus status = new LoopStatus(false, false, null, Set.of(), null);
  private volatile boolean stopping;

  /**
   * @param pollTimeout the longest a poll waits for records
   * @param evaluationInterval how often the rules are evaluated
   * @param topicRefreshInterval how often missing input topics are looked for again
   * @param restoreLookback how far back the alerts topic is read to restore open incidents
   */
  public record Settings(Duration pollTimeout, Duration evaluationInterval, Duration topicRefreshInterval,
      Duration restoreLookback) {}

  public AlertingLoop(Consumer<byte[], byte[]> consumer, AlertEngine engine, AlertSink sink, InputTopics topics,
      Settings settings, Clock clock, MeterRegistry registry) {
    this.consumer = consumer;
    this.engine = engine;
    this.sink = sink;
    this.topics = topics;
    this.settings = settings;
    this.clock = clock;
    this.registry = registry;
    this.router = new RecordRouter(engine, topics, clock, registry);
    this.assignment = new InputAssignment(consumer, Map.of(
        topics.rejects(), engine.rejectsLookback(),
        topics.audit(), engine.auditLookback(),
        topics.ledger(), Duration.ZERO,
        topics.appErrors(), engine.appErrorsLookback()), topics.ledger());
    Gauge.builder("alerting.incidents.open", engine, AlertEngine::openIncidents)
        .description("Incidents currently firing")
        .register(registry);
  }

  public LoopStatus status() {
    return status;
  }

  /** Asks the loop to stop; it returns from {@link #run()} soon after and closes the consumer. */
  public void stop() {
    stopping = true;
    consumer.wakeup();
  }

  @Override
  public void run() {
    status = new LoopStatus(true, false, null, Set.of(), null);
    try {
      IncidentRestorer.restore(consumer, topics.alerts(), settings.restoreLookback(), Duration.ofSeconds(60), engine,
          clock);
      consume();
    } catch (WakeupException e) {
      if (!stopping) {
        fail(e);
      }
    } catch (RuntimeException e) {
      fail(e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
      LoopStatus last = status;
      status = new LoopStatus(false, last.caughtUp(), last.lastPoll(), last.missingTopics(), last.failure());
    }
  }

  private void consume() {
    Instant nextRefresh = Instant.MIN;
    Instant nextEvaluation = Instant.MIN;
    Set<String> missing = Set.of();
    boolean caughtUp = false;
    while (!stopping) {
      Instant now = clock.instant();
      if (!now.isBefore(nextRefresh)) {
        Set<String> stillMissing = assignment.refresh(now);
        nextRefresh = now.plus(settings.topicRefreshInterval());
        if (!stillMissing.isEmpty() && !stillMissing.equals(missing)) {
          LOG.info("Input topics {} do not exist yet; looking again every {}", stillMissing,
              settings.topicRefreshInterval());
        }
        missing = stillMissing;
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(settings.pollTimeout())) {
        router.route(record);
      }
      if (!caughtUp && assignment.assignedAll(topics.required()) && assignment.caughtUp()) {
        caughtUp = true;
        LOG.info("Inputs read up to date; evaluating every {}", settings.evaluationInterval());
      }
      now = clock.instant();
      if (caughtUp && !now.isBefore(nextEvaluation)) {
        publish(engine.evaluate());
        nextEvaluation = now.plus(settings.evaluationInterval());
      }
      status = new LoopStatus(true, caughtUp, now, Set.copyOf(missing), null);
    }
  }

  private void publish(List<Alert> alerts) {
    for (Alert alert : alerts) {
      LOG.info("{} {} {}: {}", alert.status(), alert.severity(), alert.incidentKey(), alert.summary());
      alertCounter(alert).increment();
      sink.publish(alert);
    }
  }

  private Counter alertCounter(Alert alert) {
    String key = alert.kind() + "|" + alert.severity() + "|" + alert.status();
    return alertCounters.computeIfAbsent(key, k -> Counter.builder("alerting.alerts")
        .tag("kind", alert.kind().name())
        .tag("severity", alert.severity().json())
        .tag("status", alert.status().json())
        .description("Alerts emitted: firing when an incident opens, resolved when it closes")
        .register(registry));
  }

  private void fail(RuntimeException e) {
    LOG.error("Alerting consume loop stopped", e);
    LoopStatus last = status;
    status = new LoopStatus(false, last.caughtUp(), last.lastPoll(), last.missingTopics(), e.toString());
  }
}
