package dev.listings.schemas.apperrors;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link AppErrorEvent}s with a producer of its own, from a background thread: {@link #publish} only puts the
 * event in a bounded queue, so a stream thread (or a dying one) is never blocked by an unreachable broker or a missing
 * topic, and a failure to publish is logged (at most once a minute) and counted, never thrown. When the queue is full
 * the event is dropped and counted. The producer is created on the first event, and again after a failed creation.
 */
public final class AppErrorPublisher implements AutoCloseable {
  public static final int DEFAULT_CAPACITY = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(AppErrorPublisher.class);
  private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final String topic;
  private final Supplier<? extends Producer<String, byte[]>> producers;
  private final BlockingQueue<AppErrorEvent> queue;
  private final Thread worker;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closing;
  private volatile long lastWarning = System.nanoTime() - LOG_EVERY_NANOS;
  private Producer<String, byte[]> producer;

  /**
   * @param producers creates the producer (key: String, value: bytes), called on the publishing thread
   * @param capacity the most events waiting to be sent
   */
  public AppErrorPublisher(String topic, Supplier<? extends Producer<String, byte[]>> producers, int capacity) {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("the app errors topic must be named");
    }
    this.topic = topic;
    this.producers = producers;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.worker = new Thread(this::run, "app-errors-publisher");
    this.worker.setDaemon(true);
    this.worker.start();
  }

  /**
   * A publisher on {@code topic} with a Kafka producer of its own, created on the publishing thread at the first event
   * from the app's client settings for {@code clientId} (see {@link #producerConfig}).
   */
  public static AppErrorPublisher toKafka(String topic, String clientId,
      Function<String, ? extends Map<String, ?>> clientConfig) {
    return new AppErrorPublisher(topic,
        () -> new KafkaProducer<>(producerConfig(clientConfig.apply(clientId), clientId), new StringSerializer(),
            new ByteArraySerializer()),
        DEFAULT_CAPACITY);
  }

  /**
   * Producer settings for the publisher from an app's client settings (bootstrap servers, security; keys that are no
   * producer setting are left out): never transactional nor idempotent, and bounded waits so that a lost broker costs
   * the publishing thread seconds, not minutes.
   */
  public static Map<String, Object> producerConfig(Map<String, ?> clientConfig, String clientId) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.keySet().retainAll(ProducerConfig.configNames());
    config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
    config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
    config.remove(ProducerConfig.PARTITIONER_CLASS_CONFIG);
    config.remove(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
    config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    return config;
  }

  public String topic() {
    return topic;
  }

  /** Queues the event; false (and counted as dropped) when the queue is full or the publisher is closed. */
  public boolean publish(AppErrorEvent event) {
    if (closing || !queue.offer(event)) {
      dropped.incrementAndGet();
      warn("App error event dropped (" + (closing ? "publisher closed" : "queue full") + "): " + event.kind(), null);
      return false;
    }
    return true;
  }

  /** Events the broker acknowledged. */
  public long published() {
    return published.get();
  }

  /** Events that could not be sent (no producer, send error). */
  public long failed() {
    return failed.get();
  }

  /** Events not queued: queue full, or published after close. */
  public long dropped() {
    return dropped.get();
  }

  /** Sends what is queued, waiting at most {@code timeout}, then closes the producer. */
  public void close(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    closing = true;
    try {
      worker.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      worker.interrupt();
    }
    synchronized (this) {
      if (producer != null) {
        producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        producer = null;
      }
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  private void run() {
    while (true) {
      AppErrorEvent event;
      try {
        event = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (event == null) {
        if (closing) {
          flush();
          return;
        }
        continue;
      }
      send(event);
    }
  }

  private synchronized void send(AppErrorEvent event) {
    try {
      if (producer == null) {
        producer = producers.get();
      }
      producer.send(new ProducerRecord<>(topic, event.key(), event.toJson()), (metadata, exception) -> {
        if (exception == null) {
          published.incrementAndGet();
        } else {
          failed.incrementAndGet();
          warn("Could not publish an app error event to " + topic, exception);
        }
      });
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      warn("Could not publish an app error event to " + topic, e);
    }
  }

  private synchronized void flush() {
    if (producer != null) {
      try {
        producer.flush();
      } catch (RuntimeException e) {
        warn("Could not flush the app error events", e);
      }
    }
  }

  private void warn(String message, Throwable exception) {
    long now = System.nanoTime();
    if (now - lastWarning < LOG_EVERY_NANOS) {
      return;
    }
    lastWarning = now;
    String counts = " (so far: " + published.get() + " published, " + failed.get() + " failed, " + dropped.get()
        + " dropped; this warning at most once a minute)";
    if (exception == null) {
      LOG.warn(message + counts);
    } else {
      LOG.warn(message + ": " + AppErrorEvent.describe(exception) + counts);
    }
  }
}
