package dev.listings.cleaner.app;

import dev.listings.cleaner.streams.CleanerTopology;
import dev.listings.cleaner.streams.OutcomeListener;
import dev.listings.schemas.apperrors.AppErrorReporter;
import dev.listings.schemas.apperrors.StreamsAppErrors;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.jboss.logging.Logger;

/**
 * Wires the plain {@link CleanerTopology} into Quarkus: the topology, and the Kafka Streams settings it requires.
 * Those settings include objects (the clock and the metrics listener the exception handlers use), which properties
 * cannot carry, so they are handed to the Kafka Streams extension as its base configuration map (the {@code
 * default-kafka-broker} map it merges first); {@code quarkus.kafka-streams.*} and {@code kafka-streams.*} properties
 * still apply on top.
 */
@ApplicationScoped
public class TopologyProducer {
  private static final Logger LOG = Logger.getLogger(TopologyProducer.class);

  @Produces
  @Singleton
  CleanerTopology cleanerTopology(CleanerConfig config, MeterRegistry registry, AppErrorReporter errors) {
    OutcomeListener listener = new MicrometerOutcomeListener(registry)
        .andThen(AppErrorReporting.handlerRoutedEvents(errors));
    CleanerTopology topology = new CleanerTopology(CleanerConfig.topics(config.topics()),
        CleanerConfig.cleaningRules(config.rules()), CleanerConfig.settings(config),
        CleanerConfig.serdeConfig(config.serde()), Clock.systemUTC(), listener);
    LOG.infof("Cleaning with rules %s: %s", topology.rulesVersion(), topology.rules());
    return topology;
  }

  @Produces
  @Singleton
  Topology topology(CleanerTopology cleaner) {
    return cleaner.build();
  }

  @Produces
  @Singleton
  @Identifier("default-kafka-broker")
  Map<String, Object> streamsBaseConfig(CleanerTopology cleaner) {
    return cleaner.requiredStreamsConfig();
  }

  /**
   * A stream thread that dies is replaced; under exactly-once its task resumes from the last commit. Each death is
   * reported as a {@code STREAM_THREAD_DIED} app error event (the handler runs on the dying thread).
   */
  @Produces
  @Singleton
  StreamsUncaughtExceptionHandler replaceDeadThreads(AppErrorReporter errors) {
    return StreamsAppErrors.reportDeadThreads(errors, StreamThreadExceptionResponse.REPLACE_THREAD);
  }
}
