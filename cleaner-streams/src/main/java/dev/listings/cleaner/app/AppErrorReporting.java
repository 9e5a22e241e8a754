package dev.listings.cleaner.app;

import dev.listings.cleaner.streams.OutcomeListener;
import dev.listings.cleaner.streams.Reject;
import dev.listings.schemas.apperrors.AppErrorKinds;
import dev.listings.schemas.apperrors.AppErrorReporter;
import dev.listings.schemas.apperrors.StreamsAppErrors;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes the cleaner's error events on {@code cleaner.topics.app-errors} for the alerting app: stream thread deaths
 * (see {@link TopologyProducer#replaceDeadThreads}), Kafka Streams entering ERROR, and records the exception handlers
 * routed to the dead letters. The publisher's producer takes the Kafka Streams client settings (bootstrap servers,
 * MSK IAM) and is created on the first event; events are counted as {@code listings_app_errors_events_total{outcome}}.
 */
@ApplicationScoped
public class AppErrorReporting {

  @Produces
  @Singleton
  AppErrorReporter reporter(CleanerConfig config, @ConfigProperty(name = "quarkus.application.name") String app,
      Instance<StreamsConfig> streamsConfig, MeterRegistry registry) {
    return StreamsAppErrors.toKafka(app, config.topics().appErrors(),
        id -> streamsConfig.get().getProducerConfigs(id), registry);
  }

  void close(@Disposes AppErrorReporter reporter) {
    StreamsAppErrors.close(reporter);
  }

  /** Reports Kafka Streams entering ERROR: it then processes nothing until the pod is restarted. */
  @Produces
  @Singleton
  KafkaStreams.StateListener reportErrorState(AppErrorReporter reporter) {
    return StreamsAppErrors.reportErrorState(reporter);
  }

  /** Records the exception handlers routed to the dead letters, as {@code HANDLER_ROUTED_ERROR} events. */
  static OutcomeListener handlerRoutedEvents(AppErrorReporter reporter) {
    return new OutcomeListener() {
      @Override
      public void routedByHandler(String reason, String message, Reject.ErrorDetails error) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("reason", reason);
        details.put("exception", error.exception());
        details.put("topic", error.topic());
        details.put("partition", Integer.toString(error.partition()));
        details.put("offset", Long.toString(error.offset()));
        details.put("processor", error.processor());
        reporter.report(AppErrorKinds.HANDLER_ROUTED_ERROR, message, details);
      }
    };
  }
}
