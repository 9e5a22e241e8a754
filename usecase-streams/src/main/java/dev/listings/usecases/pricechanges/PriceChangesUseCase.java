package dev.listings.usecases.pricechanges;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.PriceChange;
import dev.listings.usecases.topology.UseCase;
import dev.listings.usecases.topology.UseCaseContext;
import dev.listings.usecases.topology.UseCaseMetrics;
import dev.listings.usecases.topology.UseCaseResults;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Price changes: when a new version of a listing changes its price, a {@link PriceChange} goes to {@code
 * usecase.price-changes.v1} (key = listing id); a re-scrape at the same price emits nothing. The state store keeps per
 * listing its latest price and its recent changes, which the query API serves.
 */
public final class PriceChangesUseCase implements UseCase {
  public static final String NAME = "price-changes";
  /** Per listing id: latest price and recent changes ({@link ListingPriceState}); partitioned like curated. */
  public static final String STATE_STORE = NAME + "-by-listing";

  @Override
  public String name() {
    return NAME;
  }

  /** Every price change is an event; the table is partitioned by month of the new version's scraping date. */
  @Override
  public UseCaseResults results() {
    return UseCaseResults.events(NAME, PriceChange.class, "month(new_scraping_date)");
  }

  @Override
  public void addTo(StreamsBuilder builder, KStream<String, CuratedListing> curated, UseCaseContext context) {
    context.metrics().skipReason(context.useCase(), UseCaseMetrics.OUT_OF_ORDER);
    curated
        .processValues(detector(context), Named.as(NAME + "-detect"))
        .to(
            context.outputTopic(),
            Produced.with(Serdes.String(), context.avroValueSerde(PriceChange.class)).withName(NAME + "-sink"));
  }

  private static FixedKeyProcessorSupplier<String, CuratedListing, PriceChange> detector(UseCaseContext context) {
    return new FixedKeyProcessorSupplier<>() {
      @Override
      public FixedKeyProcessor<String, CuratedListing, PriceChange> get() {
        return new PriceChangeDetector(
            context.options().priceHistorySize(), context.useCase(), context.metrics());
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STATE_STORE), Serdes.String(), new ListingPriceStateSerde()));
      }
    };
  }
}
