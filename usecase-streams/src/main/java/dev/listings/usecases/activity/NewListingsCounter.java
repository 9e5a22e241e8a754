package dev.listings.usecases.activity;

import dev.listings.schemas.avro.MarketActivity;
import dev.listings.usecases.topology.UseCaseMetrics;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Sums the +1/-1 deltas per (municipality, day) and forwards the new count as {@link MarketActivity}. */
final class NewListingsCounter implements Processor<String, Long, String, MarketActivity> {
  private final String useCase;
  private final UseCaseMetrics metrics;
  private ProcessorContext<String, MarketActivity> context;
  private KeyValueStore<String, Long> counts;

  NewListingsCounter(String useCase, UseCaseMetrics metrics) {
    this.useCase = useCase;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, MarketActivity> context) {
    this.context = context;
    this.counts = context.getStateStore(MarketActivityUseCase.COUNT_STORE);
  }

  @Override
  public void process(Record<String, Long> record) {
    Long previous = counts.get(record.key());
    long count = (previous == null ? 0 : previous) + record.value();
    counts.put(record.key(), count);
    ActivityKey key = ActivityKey.parse(record.key());
    MarketActivity activity =
        MarketActivity.newBuilder()
            .setMunicipality(key.municipality())
            .setDate(key.date())
            .setNewListings(count)
            .setUpdatedAt(Instant.ofEpochMilli(record.timestamp()))
            .build();
    context.forward(record.withValue(activity));
    metrics.updated(useCase);
  }
}
