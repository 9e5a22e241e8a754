package dev.listings.cleaner.streams;

import dev.listings.cleaner.rules.CleanListing;
import dev.listings.schemas.avro.CuratedListing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Emits a judged listing as a curated record unless it equals the latest curated version of its id (then it is a
 * counted duplicate). The store keeps, per id, that latest version and when the id was last seen (stream time); ids not
 * seen for the retention are evicted, after which a re-scrape counts as a new version again. Versions are stored and
 * compared in their {@link ListingCodec} encoding.
 */
final class DedupeProcessor implements Processor<String, JudgedListing, String, Routed> {
  private final String storeName;
  private final LedgerTracker ledger;
  private final Serializer<CuratedListing> curatedSerializer;
  private final String curatedTopic;
  private final Duration retention;
  private final Duration evictionInterval;
  private final OutcomeListener listener;
  private ProcessorContext<String, Routed> context;
  private TimestampedKeyValueStore<String, byte[]> latest;

  DedupeProcessor(String storeName, LedgerTracker ledger, Serializer<CuratedListing> curatedSerializer,
      String curatedTopic, Duration retention, Duration evictionInterval, OutcomeListener listener) {
    this.storeName = storeName;
    this.ledger = ledger;
    this.curatedSerializer = curatedSerializer;
    this.curatedTopic = curatedTopic;
    this.retention = retention;
    this.evictionInterval = evictionInterval;
    this.listener = listener;
  }

  @Override
  public void init(ProcessorContext<String, Routed> processorContext) {
    this.context = processorContext;
    this.latest = processorContext.getStateStore(storeName);
    ledger.init(processorContext);
    processorContext.schedule(evictionInterval, PunctuationType.WALL_CLOCK_TIME, now -> evictUnseen());
  }

  @Override
  public void process(Record<String, JudgedListing> record) {
    JudgedListing judged = record.value();
    String id = record.key();
    long seenAt = record.timestamp();
    byte[] encoded = ListingCodec.encode(judged.listing());
    ValueAndTimestamp<byte[]> previous = latest.get(id);
    if (previous != null && sameVersion(previous.value(), encoded, judged.listing())) {
      // Refreshing last-seen on every duplicate would write the store for nothing; a tenth of the retention is enough.
      if (seenAt - previous.timestamp() > retention.toMillis() / 10) {
        latest.put(id, ValueAndTimestamp.make(previous.value(), seenAt));
      }
      ledger.duplicate(judged.provenance(), Redrive.runOf(record.headers()), seenAt);
      listener.duplicate();
      return;
    }
    byte[] serialized = serialize(record, judged);
    context.forward(record.withValue(new Routed.ToCurated(serialized)));
    long lastSeen = previous == null ? seenAt : Math.max(seenAt, previous.timestamp());
    latest.put(id, ValueAndTimestamp.make(encoded, lastSeen));
    ledger.curated(judged.provenance(), Redrive.runOf(record.headers()), seenAt);
    listener.curated();
  }

  /**
   * Whether the stored latest version equals {@code listing}. The store holds {@link ListingCodec} encodings, in which
   * equal listings have equal bytes, so comparing the bytes needs no decoding; a value in another format (written by
   * another version of the codec) is decoded and compared as a listing.
   */
  static boolean sameVersion(byte[] stored, byte[] encoded, CleanListing listing) {
    if (Arrays.equals(stored, encoded)) {
      return true;
    }
    return stored.length > 0 && encoded.length > 0 && stored[0] != encoded[0]
        && ListingCodec.decodeListing(stored).equals(listing);
  }

  private byte[] serialize(Record<String, JudgedListing> record, JudgedListing judged) {
    try {
      return curatedSerializer.serialize(curatedTopic, record.headers(), curated(judged, record.timestamp()));
    } catch (RuntimeException e) {
      throw new CuratedSerializationException("the curated listing " + record.key() + " could not be serialized: " + e,
          e);
    }
  }

  static CuratedListing curated(JudgedListing judged, long recordTimestamp) {
    CleanListing l = judged.listing();
    Provenance p = judged.provenance();
    long ingestedAt = p.ingestedAtMillis() != null ? p.ingestedAtMillis() : recordTimestamp;
    return CuratedListing.newBuilder()
        .setId(l.id())
        .setScrapingDate(l.scrapingDate())
        .setPropertyType(l.propertyType())
        .setMunicipality(l.municipality())
        .setPrice(l.price())
        .setCurrency(l.currency())
        .setLivingArea(l.livingArea())
        .setPricePerSquareMeter(l.pricePerSquareMeter())
        .setSource(dev.listings.schemas.avro.Provenance.newBuilder()
            .setBucket(p.bucket() == null ? "" : p.bucket())
            .setKey(p.key() == null ? "" : p.key())
            .setEtag(p.etag())
            .setLine(p.line() == null ? 0 : p.line())
            .setIngestedAt(Instant.ofEpochMilli(ingestedAt))
            .build())
        .setRulesVersion(judged.rulesVersion())
        .build();
  }

  private void evictUnseen() {
    long horizon = context.currentStreamTimeMs() - retention.toMillis();
    List<String> unseen = new ArrayList<>();
    try (KeyValueIterator<String, ValueAndTimestamp<byte[]>> all = latest.all()) {
      while (all.hasNext()) {
        KeyValue<String, ValueAndTimestamp<byte[]>> kv = all.next();
        if (kv.value.timestamp() < horizon) {
          unseen.add(kv.key);
        }
      }
    }
    unseen.forEach(latest::delete);
  }
}
