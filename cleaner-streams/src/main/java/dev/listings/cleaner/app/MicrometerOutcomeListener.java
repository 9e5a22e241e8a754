package dev.listings.cleaner.app;

import dev.listings.cleaner.rules.RejectReason;
import dev.listings.cleaner.streams.OutcomeListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts outcomes in Micrometer as {@code listings_cleaner_lines_total{outcome, reason}} (Prometheus naming): outcome
 * {@code curated}, {@code duplicate} or {@code rejected}, the latter by primary reason. Every reason is registered up
 * front so dashboards see zeros rather than gaps. Counts processing attempts; the ledger topic holds the exact figures.
 */
final class MicrometerOutcomeListener implements OutcomeListener {
  static final String METRIC = "listings.cleaner.lines";

  private final MeterRegistry registry;
  private final Counter curated;
  private final Counter duplicates;
  private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

  MicrometerOutcomeListener(MeterRegistry registry) {
    this.registry = registry;
    this.curated = counter("curated", "none");
    this.duplicates = counter("duplicate", "none");
    for (RejectReason reason : RejectReason.values()) {
      rejected.put(reason.name(), counter("rejected", reason.name()));
    }
  }

  @Override
  public void curated() {
    curated.increment();
  }

  @Override
  public void duplicate() {
    duplicates.increment();
  }

  @Override
  public void rejected(String reason) {
    rejected.computeIfAbsent(reason, r -> counter("rejected", r)).increment();
  }

  private Counter counter(String outcome, String reason) {
    return Counter.builder(METRIC)
        .description("Raw lines by outcome and, for rejects, primary reason")
        .tag("outcome", outcome)
        .tag("reason", reason)
        .register(registry);
  }
}
