package dev.listings.usecases.activity;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.usecases.model.Municipality;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Finds new listings. A listing counts as new on the earliest scraping date seen for its id, in the municipality of that
 * version: the first version of an id forwards +1 to its (municipality, day); a later-arriving version with an earlier
 * scraping date (a backfill) moves the listing, forwarding -1 to the old day and +1 to the new one. Later versions
 * change nothing. So the counts depend only on the set of versions, not on their arrival order.
 */
final class FirstSeenDetector implements Processor<String, CuratedListing, String, Long> {
  private ProcessorContext<String, Long> context;
  private KeyValueStore<String, FirstSeen> firstSeen;

  @Override
  public void init(ProcessorContext<String, Long> context) {
    this.context = context;
    this.firstSeen = context.getStateStore(MarketActivityUseCase.FIRST_SEEN_STORE);
  }

  @Override
  public void process(Record<String, CuratedListing> record) {
    CuratedListing listing = record.value();
    FirstSeen seen = firstSeen.get(record.key());
    if (seen != null && !listing.getScrapingDate().isBefore(seen.date())) {
      return;
    }
    FirstSeen earliest = new FirstSeen(listing.getScrapingDate(), Municipality.of(listing));
    firstSeen.put(record.key(), earliest);
    if (seen != null) {
      context.forward(record.withKey(seen.activityKey().topicKey()).withValue(-1L));
    }
    context.forward(record.withKey(earliest.activityKey().topicKey()).withValue(1L));
  }
}
