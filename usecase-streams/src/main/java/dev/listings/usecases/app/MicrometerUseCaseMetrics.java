package dev.listings.usecases.app;

import dev.listings.usecases.topology.UseCaseMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link UseCaseMetrics} as Micrometer counters, exported by Prometheus as {@code
 * listings_usecase_updates_total{usecase}} and {@code listings_usecase_skipped_records_total{usecase,reason}}
 * (reason {@code late} for records after their month's grace, {@code out-of-order} for superseded versions). The
 * skip counters of the enabled use cases exist from start-up, at zero.
 */
@ApplicationScoped
public class MicrometerUseCaseMetrics implements UseCaseMetrics {
  static final String UPDATES = "listings.usecase.updates";
  static final String SKIPPED = "listings.usecase.skipped.records";

  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public MicrometerUseCaseMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void updated(String useCase) {
    counters
        .computeIfAbsent(
            UPDATES + "/" + useCase,
            k ->
                Counter.builder(UPDATES)
                    .description("Results emitted by a use case")
                    .tag("usecase", useCase)
                    .register(registry))
        .increment();
  }

  @Override
  public void skipped(String useCase, String reason) {
    skippedCounter(useCase, reason).increment();
  }

  @Override
  public void skipReason(String useCase, String reason) {
    skippedCounter(useCase, reason);
  }

  private Counter skippedCounter(String useCase, String reason) {
    return counters.computeIfAbsent(
        SKIPPED + "/" + useCase + "/" + reason,
        k ->
            Counter.builder(SKIPPED)
                .description("Curated records a use case left out of its results (they stay in curated)")
                .tag("usecase", useCase)
                .tag("reason", reason)
                .register(registry));
  }
}
