package dev.listings.usecases.app;

import dev.listings.schemas.apperrors.AppErrorReporter;
import dev.listings.schemas.apperrors.StreamsAppErrors;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes the use cases' error events on {@code usecases.topics.app-errors} for the alerting app: a stream thread
 * that dies ({@code STREAM_THREAD_DIED}) and Kafka Streams entering ERROR ({@code STREAMS_ERROR_STATE}). The producer
 * takes the Kafka Streams client settings (bootstrap servers, MSK IAM), is created on the first event and never blocks
 * a stream thread; events are counted as {@code listings_app_errors_events_total{outcome}}.
 */
@ApplicationScoped
public class AppErrorReporting {
  @Produces
  @Singleton
  AppErrorReporter reporter(UseCaseConfig config, @ConfigProperty(name = "quarkus.application.name") String app,
      Instance<StreamsConfig> streamsConfig, MeterRegistry registry) {
    return StreamsAppErrors.toKafka(app, config.topics().appErrors(),
        id -> streamsConfig.get().getProducerConfigs(id), registry);
  }

  void close(@Disposes AppErrorReporter reporter) {
    StreamsAppErrors.close(reporter);
  }

  /**
   * A failing stream thread shuts the instance down (Kafka Streams' own default: the state stores of a use case are
   * not worth re-processing a poison record forever), so it goes to ERROR, its liveness check fails and Kubernetes
   * restarts it; both the death and the ERROR state are reported.
   */
  @Produces
  @Singleton
  StreamsUncaughtExceptionHandler reportDeadThreads(AppErrorReporter reporter) {
    return StreamsAppErrors.reportDeadThreads(reporter, StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
  }

  @Produces
  @Singleton
  KafkaStreams.StateListener reportErrorState(AppErrorReporter reporter) {
    return StreamsAppErrors.reportErrorState(reporter);
  }
}
