package dev.listings.usecases.pricechanges;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.PriceChange;
import dev.listings.usecases.topology.UseCaseMetrics;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Compares each version of a listing with the latest one seen and forwards a {@link PriceChange} when the price changed
 * (see {@link PriceChangeRule}). A version older by scraping date than the latest one seen (a late re-ingest) neither
 * changes the state nor emits an event, and is counted as out of order. All versions of a listing share a partition,
 * so the outcome depends only on the order of the curated topic.
 */
final class PriceChangeDetector implements FixedKeyProcessor<String, CuratedListing, PriceChange> {
  private final int historySize;
  private final String useCase;
  private final UseCaseMetrics metrics;
  private FixedKeyProcessorContext<String, PriceChange> context;
  private KeyValueStore<String, ListingPriceState> states;

  PriceChangeDetector(int historySize, String useCase, UseCaseMetrics metrics) {
    this.historySize = historySize;
    this.useCase = useCase;
    this.metrics = metrics;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, PriceChange> context) {
    this.context = context;
    this.states = context.getStateStore(PriceChangesUseCase.STATE_STORE);
  }

  @Override
  public void process(FixedKeyRecord<String, CuratedListing> record) {
    CuratedListing listing = record.value();
    ListingPriceState previous = states.get(record.key());
    if (previous == null) {
      states.put(record.key(), ListingPriceState.first(listing));
      return;
    }
    if (listing.getScrapingDate().isBefore(previous.scrapingDate())) {
      metrics.skipped(useCase, UseCaseMetrics.OUT_OF_ORDER);
      return;
    }
    Optional<PriceChange> change =
        PriceChangeRule.between(previous, listing, Instant.ofEpochMilli(record.timestamp()));
    states.put(record.key(), previous.next(listing, change.orElse(null), historySize));
    change.ifPresent(
        event -> {
          context.forward(record.withValue(event));
          metrics.updated(useCase);
        });
  }
}
