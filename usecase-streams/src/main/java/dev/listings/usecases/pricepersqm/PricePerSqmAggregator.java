package dev.listings.usecases.pricepersqm;

import dev.listings.schemas.avro.PricePerSqmStats;
import dev.listings.usecases.topology.UseCaseMetrics;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Adds each observation (key = group topic key, value = price per m²) to its group's {@link PriceStats}, keeps the
 * resulting {@link PricePerSqmStats} in the queryable statistics store and forwards it. The accumulators of the
 * groups updated most recently are also kept decoded in memory (at most {@value #DECODED_GROUPS}): decoding a
 * t-digest is the largest cost of an update. Every update is still written to the store, so its changelog holds it in
 * the record's transaction; the memory copy is dropped whenever the task is initialised again.
 */
final class PricePerSqmAggregator implements Processor<String, Double, String, PricePerSqmStats> {
  static final int DECODED_GROUPS = 4096;
  private final double compression;
  private final String useCase;
  private final UseCaseMetrics metrics;
  private ProcessorContext<String, PricePerSqmStats> context;
  private KeyValueStore<String, PriceStats> accumulators;
  private KeyValueStore<String, PricePerSqmStats> statistics;
  private final Map<String, PriceStats> decoded = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, PriceStats> eldest) {
      return size() > DECODED_GROUPS;
    }
  };

  PricePerSqmAggregator(double compression, String useCase, UseCaseMetrics metrics) {
    this.compression = compression;
    this.useCase = useCase;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, PricePerSqmStats> context) {
    this.context = context;
    this.accumulators = context.getStateStore(PricePerSqmUseCase.ACCUMULATOR_STORE);
    this.statistics = context.getStateStore(PricePerSqmUseCase.STATS_STORE);
    decoded.clear();
  }

  @Override
  public void process(Record<String, Double> record) {
    StatsKey key = StatsKey.parseTopicKey(record.key());
    PriceStats stats = decoded.get(record.key());
    if (stats == null) {
      stats = accumulators.get(record.key());
    }
    if (stats == null) {
      stats = new PriceStats(compression);
    }
    stats.add(record.value(), record.timestamp());
    accumulators.put(record.key(), stats);
    decoded.put(record.key(), stats);
    PricePerSqmStats result = toResult(key, stats);
    statistics.put(key.storeKey(), result);
    context.forward(record.withValue(result));
    metrics.updated(useCase);
  }

  static PricePerSqmStats toResult(StatsKey key, PriceStats stats) {
    double[] q = stats.quantiles(0.5, 0.1, 0.9);
    return PricePerSqmStats.newBuilder()
        .setMunicipality(key.municipality())
        .setPropertyType(key.propertyType())
        .setMonth(key.month().toString())
        .setCount(stats.count())
        .setMean(stats.mean())
        .setMedian(q[0])
        .setP10(q[1])
        .setP90(q[2])
        .setMin(stats.min())
        .setMax(stats.max())
        .setUpdatedAt(Instant.ofEpochMilli(stats.latestTimestamp()))
        .build();
  }
}
