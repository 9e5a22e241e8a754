package dev.listings.usecases.app;

import dev.listings.schemas.apperrors.AppErrorPublisher;
import dev.listings.schemas.apperrors.AppErrorReporter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes the use cases' error events on {@code usecases.topics.app-errors} for the alerting app: a stream thread
 * that dies ({@code STREAM_THREAD_DIED}) and Kafka Streams entering ERROR ({@code STREAMS_ERROR_STATE}). The producer
 * takes the Kafka Streams client settings (bootstrap servers, MSK IAM), is created on the first event and never blocks
 * a stream thread; events are counted as {@code listings_app_errors_events_total{outcome}}.
 */
@ApplicationScoped
public class AppErrorReporting {
  private static final Logger LOG = Logger.getLogger(AppErrorReporting.class);

  @Produces
  @Singleton
  AppErrorReporter reporter(UseCaseConfig config, @ConfigProperty(name = "quarkus.application.name") String app,
      Instance<StreamsConfig> streamsConfig, MeterRegistry registry) {
    String clientId = app + "-app-errors";
    AppErrorPublisher publisher = AppErrorPublisher.toKafka(config.topics().appErrors(), clientId,
        id -> streamsConfig.get().getProducerConfigs(id));
    count(registry, publisher, "published", AppErrorPublisher::published);
    count(registry, publisher, "failed", AppErrorPublisher::failed);
    count(registry, publisher, "dropped", AppErrorPublisher::dropped);
    return new AppErrorReporter(app, AppErrorReporter.localInstance(), Clock.systemUTC(), publisher);
  }

  void close(@Disposes AppErrorReporter reporter) {
    reporter.publisher().close(Duration.ofSeconds(5));
  }

  /**
   * A failing stream thread shuts the instance down (Kafka Streams' own default: the state stores of a use case are
   * not worth re-processing a poison record forever), so it goes to ERROR, its liveness check fails and Kubernetes
   * restarts it; both the death and the ERROR state are reported.
   */
  @Produces
  @Singleton
  StreamsUncaughtExceptionHandler reportDeadThreads(AppErrorReporter reporter) {
    return exception -> {
      LOG.error("A stream thread failed; shutting this instance down", exception);
      StreamThreadExceptionResponse response = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      reporter.streamThreadDied(Thread.currentThread().getName(), exception, response.name());
      return response;
    };
  }

  @Produces
  @Singleton
  KafkaStreams.StateListener reportErrorState(AppErrorReporter reporter) {
    return (newState, oldState) -> {
      if (newState == KafkaStreams.State.ERROR) {
        reporter.streamsErrorState(oldState.name());
      }
    };
  }

  private static void count(MeterRegistry registry, AppErrorPublisher publisher, String outcome,
      ToDoubleFunction<AppErrorPublisher> value) {
    FunctionCounter.builder("listings.app.errors.events", publisher, value)
        .description("App error events by outcome: published, failed (not sent) or dropped (queue full)")
        .tag("outcome", outcome)
        .register(registry);
  }
}
