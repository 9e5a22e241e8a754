package dev.listings.schemas.apperrors;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * App error reporting for a Kafka Streams app (the cleaner, the use cases), without a container: the reporter with its
 * Kafka publisher and Micrometer counters, the listener that reports the ERROR state, and the uncaught exception
 * handler that reports a stream thread's death. The apps hand these to their container as beans.
 *
 * <p>Needs Kafka Streams and Micrometer on the class path; the apps that use it have both.
 */
public final class StreamsAppErrors {
  /** Published as {@code listings_app_errors_events_total{outcome="published|failed|dropped"}}. */
  public static final String EVENTS_METER = "listings.app.errors.events";
  /** How long closing waits for queued events to be sent. */
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(StreamsAppErrors.class);

  private StreamsAppErrors() {}

  /**
   * The reporter of {@code app}: events go to {@code topic} through a producer created on the first event from the
   * app's client settings for the client id {@code <app>-app-errors} (bootstrap servers, MSK IAM: see {@link
   * AppErrorPublisher#toKafka}), counted in {@code registry} (see {@link #countEvents}).
   */
  public static AppErrorReporter toKafka(String app, String topic,
      Function<String, ? extends Map<String, ?>> clientConfig, MeterRegistry registry) {
    AppErrorPublisher publisher = AppErrorPublisher.toKafka(topic, app + "-app-errors", clientConfig);
    countEvents(registry, publisher);
    return new AppErrorReporter(app, AppErrorReporter.localInstance(), Clock.systemUTC(), publisher);
  }

  /** Registers the publisher's published, failed and dropped events as {@link #EVENTS_METER} by outcome. */
  public static void countEvents(MeterRegistry registry, AppErrorPublisher publisher) {
    count(registry, publisher, "published", AppErrorPublisher::published);
    count(registry, publisher, "failed", AppErrorPublisher::failed);
    count(registry, publisher, "dropped", AppErrorPublisher::dropped);
  }

  /** Sends what the reporter's publisher has queued, for at most {@link #CLOSE_TIMEOUT}, and closes it. */
  public static void close(AppErrorReporter reporter) {
    reporter.publisher().close(CLOSE_TIMEOUT);
  }

  /** Reports Kafka Streams entering ERROR ({@code STREAMS_ERROR_STATE}): it then processes nothing until restarted. */
  public static KafkaStreams.StateListener reportErrorState(AppErrorReporter reporter) {
    return (newState, oldState) -> {
      if (newState == KafkaStreams.State.ERROR) {
        reporter.streamsErrorState(oldState.name());
      }
    };
  }

  /**
   * Logs a stream thread's uncaught exception, reports the death ({@code STREAM_THREAD_DIED}, with {@code response}
   * in its details) and answers {@code response}. The handler runs on the dying thread; reporting never blocks it.
   */
  public static StreamsUncaughtExceptionHandler reportDeadThreads(AppErrorReporter reporter,
      StreamThreadExceptionResponse response) {
    String consequence = switch (response) {
      case REPLACE_THREAD -> "replacing it";
      case SHUTDOWN_CLIENT -> "shutting this instance down";
      case SHUTDOWN_APPLICATION -> "shutting the application down";
    };
    return exception -> {
      LOG.error("A stream thread failed; {}", consequence, exception);
      reporter.streamThreadDied(Thread.currentThread().getName(), exception, response.name());
      return response;
    };
  }

  private static void count(MeterRegistry registry, AppErrorPublisher publisher, String outcome,
      ToDoubleFunction<AppErrorPublisher> value) {
    FunctionCounter.builder(EVENTS_METER, publisher, value)
        .description("App error events by outcome: published, failed (not sent) or dropped (queue full)")
        .tag("outcome", outcome)
        .register(registry);
  }
}
