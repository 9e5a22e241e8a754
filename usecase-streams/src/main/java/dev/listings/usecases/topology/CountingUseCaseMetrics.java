package dev.listings.usecases.topology;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** In-process counters of {@link UseCaseMetrics}, for the local stack's summary and for tests. */
public final class CountingUseCaseMetrics implements UseCaseMetrics {
  private final Map<String, LongAdder> updates = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> skips = new ConcurrentHashMap<>();

  @Override
  public void updated(String useCase) {
    updates.computeIfAbsent(useCase, k -> new LongAdder()).increment();
  }

  @Override
  public void skipped(String useCase, String reason) {
    skips.computeIfAbsent(useCase + "/" + reason, k -> new LongAdder()).increment();
  }

  public long updates(String useCase) {
    LongAdder adder = updates.get(useCase);
    return adder == null ? 0 : adder.sum();
  }

  public long skips(String useCase, String reason) {
    LongAdder adder = skips.get(useCase + "/" + reason);
    return adder == null ? 0 : adder.sum();
  }
}
