package dev.listings.usecases.pricepersqm;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.PricePerSqmStats;
import dev.listings.usecases.model.AvroStoreSerde;
import dev.listings.usecases.topology.UseCase;
import dev.listings.usecases.topology.UseCaseContext;
import dev.listings.usecases.topology.UseCaseMetrics;
import dev.listings.usecases.topology.UseCaseOptions;
import dev.listings.usecases.topology.UseCaseResults;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Price per m² statistics per municipality, property type and month of the scraping date: count, mean, median, p10,
 * p90, min and max, updated with every curated record (each version of a listing is one observation). Records of a
 * month that closed more than the grace ago are counted as late and left out. Output: {@code usecase.price-per-sqm.v1},
 * key {@code <municipality>|<property_type>|<YYYY-MM>}, value {@link PricePerSqmStats}.
 */
public final class PricePerSqmUseCase implements UseCase {
  public static final String NAME = "price-per-sqm";
  public static final String WATERMARK_STORE = NAME + "-watermark";
  public static final String ACCUMULATOR_STORE = NAME + "-accumulators";
  /** Queryable statistics, keyed by {@link StatsKey#storeKey()}, partitioned by {@link StatsKey#topicKey()}. */
  public static final String STATS_STORE = NAME + "-stats";
  public static final String REPARTITION = NAME + "-by-group";

  @Override
  public String name() {
    return NAME;
  }

  /** Statistics are a table: each update is the new value of its group; partitioned by property type. */
  @Override
  public UseCaseResults results() {
    return UseCaseResults.table(NAME, PricePerSqmStats.class, "property_type");
  }

  @Override
  public void addTo(StreamsBuilder builder, KStream<String, CuratedListing> curated, UseCaseContext context) {
    UseCaseOptions options = context.options();
    context.metrics().skipReason(context.useCase(), UseCaseMetrics.LATE);
    curated
        .processValues(gate(context), Named.as(NAME + "-event-time-gate"))
        .map(
            (id, listing) -> KeyValue.pair(StatsKey.of(listing).topicKey(), listing.getPricePerSquareMeter()),
            Named.as(NAME + "-group-key"))
        .repartition(
            Repartitioned.<String, Double>as(REPARTITION)
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.Double()))
        .process(aggregator(context, options), Named.as(NAME + "-aggregate"))
        .to(
            context.outputTopic(),
            Produced.with(Serdes.String(), context.avroValueSerde(PricePerSqmStats.class)).withName(NAME + "-sink"));
  }

  private static FixedKeyProcessorSupplier<String, CuratedListing, CuratedListing> gate(UseCaseContext context) {
    return new FixedKeyProcessorSupplier<>() {
      @Override
      public FixedKeyProcessor<String, CuratedListing, CuratedListing> get() {
        return new EventTimeGate(
            WATERMARK_STORE, context.options().pricePerSqmGrace(), context.useCase(), context.metrics());
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(WATERMARK_STORE), Serdes.String(), Serdes.Long())
                .withCachingEnabled());
      }
    };
  }

  private static ProcessorSupplier<String, Double, String, PricePerSqmStats> aggregator(
      UseCaseContext context, UseCaseOptions options) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, Double, String, PricePerSqmStats> get() {
        return new PricePerSqmAggregator(options.digestCompression(), context.useCase(), context.metrics());
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        // Cached: a group is updated many times per commit, and each update of its digest would otherwise be a
        // RocksDB write and a changelog record of the whole digest; the cache writes each group once per commit.
        return Set.of(
            Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(ACCUMULATOR_STORE),
                    Serdes.String(),
                    new PriceStatsSerde(options.digestCompression()))
                .withCachingEnabled(),
            Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(STATS_STORE),
                    Serdes.String(),
                    new AvroStoreSerde<>(PricePerSqmStats.class))
                .withCachingEnabled());
      }
    };
  }
}
