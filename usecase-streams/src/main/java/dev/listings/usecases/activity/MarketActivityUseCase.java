package dev.listings.usecases.activity;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.MarketActivity;
import dev.listings.usecases.topology.UseCase;
import dev.listings.usecases.topology.UseCaseContext;
import dev.listings.usecases.topology.UseCaseResults;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Market activity: new listings per municipality and day, a listing being new on the earliest scraping date seen for
 * its id. Output: {@code usecase.market-activity.v1}, key {@code <municipality>|<YYYY-MM-DD>}, value {@link
 * MarketActivity} with the day's current count.
 */
public final class MarketActivityUseCase implements UseCase {
  public static final String NAME = "market-activity";
  /** Per listing id: its earliest scraping date and municipality. */
  public static final String FIRST_SEEN_STORE = NAME + "-first-seen";
  /** Per {@code <municipality>|<YYYY-MM-DD>}: new listings that day; partitioned by that key. */
  public static final String COUNT_STORE = NAME + "-counts";
  public static final String REPARTITION = NAME + "-by-day";

  @Override
  public String name() {
    return NAME;
  }

  /** Daily counts are a table: each update is the new count of its municipality and day; partitioned by month. */
  @Override
  public UseCaseResults results() {
    return UseCaseResults.table(NAME, MarketActivity.class, "month(date)");
  }

  @Override
  public void addTo(StreamsBuilder builder, KStream<String, CuratedListing> curated, UseCaseContext context) {
    curated
        .process(firstSeen(), Named.as(NAME + "-first-seen"))
        .repartition(
            Repartitioned.<String, Long>as(REPARTITION)
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.Long()))
        .process(counter(context), Named.as(NAME + "-count"))
        .to(
            context.outputTopic(),
            Produced.with(Serdes.String(), context.avroValueSerde(MarketActivity.class)).withName(NAME + "-sink"));
  }

  private static ProcessorSupplier<String, CuratedListing, String, Long> firstSeen() {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, CuratedListing, String, Long> get() {
        return new FirstSeenDetector();
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(FIRST_SEEN_STORE), Serdes.String(), new FirstSeen.StoreSerde()));
      }
    };
  }

  private static ProcessorSupplier<String, Long, String, MarketActivity> counter(UseCaseContext context) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, Long, String, MarketActivity> get() {
        return new NewListingsCounter(context.useCase(), context.metrics());
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            // Cached: a municipality's day is counted up many times per commit; the cache writes it once per commit.
            Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(COUNT_STORE), Serdes.String(), Serdes.Long())
                .withCachingEnabled());
      }
    };
  }
}
