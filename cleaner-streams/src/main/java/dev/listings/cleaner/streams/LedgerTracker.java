package dev.listings.cleaner.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Keeps one task's cumulative outcome counts per source object in a state store and publishes them to the ledger
 * topic. Counting writes the store in the same transaction as the input offsets; publishing happens on a short
 * wall-clock punctuation for the entries changed since (an "unpublished" flag kept in the store, so a restart publishes
 * what a crash left pending). Record key {@code <taskId>.<stage>|s3://bucket/key@etag} (stage {@code judge} or {@code
 * dedupe}): readers sum the latest value of every key that shares the object. Entries unchanged for the retention (in
 * stream time) are dropped from the store only; their last snapshot stays on the compacted topic.
 */
final class LedgerTracker {
  private final String stage;
  private final String storeName;
  private final Duration publishInterval;
  private final Duration retention;
  private final Duration evictionInterval;
  private final Set<String> unpublished = new LinkedHashSet<>();
  private ProcessorContext<String, Routed> context;
  private KeyValueStore<String, LedgerEntry> store;
  private String keyPrefix;

  LedgerTracker(String stage, String storeName, Duration publishInterval, Duration retention,
      Duration evictionInterval) {
    this.stage = stage;
    this.storeName = storeName;
    this.publishInterval = publishInterval;
    this.retention = retention;
    this.evictionInterval = evictionInterval;
  }

  static StoreBuilder<KeyValueStore<String, LedgerEntry>> storeBuilder(String name) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), LedgerCodec.serde())
        .withCachingEnabled();
  }

  void init(ProcessorContext<String, Routed> processorContext) {
    this.context = processorContext;
    this.store = processorContext.getStateStore(storeName);
    this.keyPrefix = processorContext.taskId() + "." + stage + "|";
    unpublished.clear();
    try (KeyValueIterator<String, LedgerEntry> all = store.all()) {
      all.forEachRemaining(kv -> {
        if (kv.value.unpublished()) {
          unpublished.add(kv.key);
        }
      });
    }
    processorContext.schedule(publishInterval, PunctuationType.WALL_CLOCK_TIME, now -> publish(now));
    processorContext.schedule(evictionInterval, PunctuationType.WALL_CLOCK_TIME, now -> evict());
  }

  void curated(Provenance provenance, long timestamp) {
    String object = provenance.objectRef();
    put(object, entry(object, provenance).plusCurated(timestamp));
  }

  void duplicate(Provenance provenance, long timestamp) {
    String object = provenance.objectRef();
    put(object, entry(object, provenance).plusDuplicate(timestamp));
  }

  void rejected(Provenance provenance, String reason, long timestamp) {
    String object = provenance.objectRef();
    put(object, entry(object, provenance).plusRejected(reason, timestamp));
  }

  /** Publishes every entry changed since the last publication. */
  void publish(long now) {
    for (String object : new ArrayList<>(unpublished)) {
      LedgerEntry entry = store.get(object);
      if (entry != null && entry.unpublished()) {
        context.forward(new Record<>(keyPrefix + object, new Routed.ToLedger(CleanerJson.ledger(entry)), now));
        store.put(object, entry.published());
      }
      unpublished.remove(object);
    }
  }

  private void evict() {
    long horizon = context.currentStreamTimeMs() - retention.toMillis();
    List<String> expired = new ArrayList<>();
    try (KeyValueIterator<String, LedgerEntry> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, LedgerEntry> kv = all.next();
        if (!kv.value.unpublished() && kv.value.lastChangeMillis() < horizon) {
          expired.add(kv.key);
        }
      }
    }
    expired.forEach(store::delete);
  }

  private LedgerEntry entry(String object, Provenance provenance) {
    LedgerEntry entry = store.get(object);
    return entry != null ? entry : LedgerEntry.empty(provenance);
  }

  private void put(String object, LedgerEntry entry) {
    store.put(object, entry);
    unpublished.add(object);
  }
}
