package dev.listings.cleaner.streams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * wall-clock punctuation for the entries changed since (an "unpublished" flag kept in the store, so a restart
 * publishes what a crash left pending). Record key {@code <taskId>.<stage>|s3://bucket/key@etag} (stage {@code judge}
 * or {@code dedupe}): readers sum the latest value of every key that shares the object. Entries unchanged for the
 * retention (in stream time) are dropped from the store only; their last snapshot stays on the compacted topic.
 * Re-driven lines (header {@code redrive.of}) are counted apart, per re-drive run and object, under the key {@code
 * <taskId>.<stage>|redrive:<run>|s3://bucket/key@etag}; those records carry their counts in a {@code redriven} object
 * and zero in the first-judgment fields, so an object's balance never changes through a re-drive.
 */
final class LedgerTracker {
  private final String stage;
  private final String storeName;
  private final Duration publishInterval;
  private final Duration retention;
  private final Duration evictionInterval;
  private final Set<String> unpublished = new LinkedHashSet<>();
  /**
   * The entries this task has read or written since init, as in the store: counting a line then needs no store read
   * and no decoding. Every change still goes to the store (and so to its changelog, in the line's transaction).
   */
  private final Map<String, LedgerEntry> current = new HashMap<>();
  private ProcessorContext<String, Routed> context;
  private KeyValueStore<String, LedgerEntry> store;
  private String keyPrefix;
  private String lastBucket;
  private String lastKey;
  private String lastEtag;
  private String lastRedriveRun;
  private String lastStoreKey;

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
    current.clear();
    lastStoreKey = null;
    lastBucket = lastKey = lastEtag = lastRedriveRun = null;
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
    curated(provenance, null, timestamp);
  }

  void duplicate(Provenance provenance, long timestamp) {
    duplicate(provenance, null, timestamp);
  }

  void rejected(Provenance provenance, String reason, long timestamp) {
    rejected(provenance, null, reason, timestamp);
  }

  /** Counts a curated line; {@code redriveRun} is the line's re-drive run, or null for a first judgment. */
  void curated(Provenance provenance, String redriveRun, long timestamp) {
    String storeKey = storeKey(provenance, redriveRun);
    put(storeKey, entry(storeKey, provenance, redriveRun).plusCurated(timestamp));
  }

  void duplicate(Provenance provenance, String redriveRun, long timestamp) {
    String storeKey = storeKey(provenance, redriveRun);
    put(storeKey, entry(storeKey, provenance, redriveRun).plusDuplicate(timestamp));
  }

  void rejected(Provenance provenance, String redriveRun, String reason, long timestamp) {
    String storeKey = storeKey(provenance, redriveRun);
    put(storeKey, entry(storeKey, provenance, redriveRun).plusRejected(reason, timestamp));
  }

  /**
   * The store key of the line's object, built once per run of lines from the same object: they arrive together and
   * carry the same bucket, key and etag strings (see {@link RawHeaderReader}), so the key string and its hash are
   * reused.
   */
  private String storeKey(Provenance provenance, String redriveRun) {
    if (lastStoreKey == null || provenance.bucket() != lastBucket || provenance.key() != lastKey
        || provenance.etag() != lastEtag || !Objects.equals(redriveRun, lastRedriveRun)) {
      lastBucket = provenance.bucket();
      lastKey = provenance.key();
      lastEtag = provenance.etag();
      lastRedriveRun = redriveRun;
      lastStoreKey = objectKey(provenance, redriveRun);
    }
    return lastStoreKey;
  }

  /** The store key (and, after the task prefix, the ledger record key) of an object or of a re-drive of it. */
  static String objectKey(Provenance provenance, String redriveRun) {
    return redriveRun == null ? provenance.objectRef() : "redrive:" + redriveRun + "|" + provenance.objectRef();
  }

  /** Publishes every entry changed since the last publication. */
  void publish(long now) {
    for (String object : new ArrayList<>(unpublished)) {
      LedgerEntry entry = stored(object);
      if (entry != null && entry.unpublished()) {
        context.forward(new Record<>(keyPrefix + object, new Routed.ToLedger(CleanerJson.ledger(entry)), now));
        write(object, entry.published());
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
    for (String object : expired) {
      store.delete(object);
      current.remove(object);
    }
  }

  private LedgerEntry entry(String storeKey, Provenance provenance, String redriveRun) {
    LedgerEntry entry = stored(storeKey);
    return entry != null ? entry : LedgerEntry.empty(provenance, redriveRun);
  }

  private LedgerEntry stored(String object) {
    LedgerEntry entry = current.get(object);
    if (entry == null) {
      entry = store.get(object);
      if (entry != null) {
        current.put(object, entry);
      }
    }
    return entry;
  }

  private void put(String object, LedgerEntry entry) {
    write(object, entry);
    unpublished.add(object);
  }

  private void write(String object, LedgerEntry entry) {
    store.put(object, entry);
    current.put(object, entry);
  }
}
