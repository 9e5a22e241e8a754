package dev.listings.ingest.task;

import dev.listings.ingest.discovery.S3ObjectRef;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Versions this task finished lately, by key. Their offsets may not be committed yet (at-least-once workers flush
 * them periodically), so the stored offsets alone could let them be ingested twice; the newest few thousand are
 * remembered, far more than complete within one offset flush interval.
 */
final class RecentlyDone {
  private static final int CAPACITY = 10_000;

  private final Map<String, String> etagByKey =
      new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
          return size() > CAPACITY;
        }
      };

  void add(S3ObjectRef ref) {
    etagByKey.remove(ref.key()); // re-inserted as the newest
    etagByKey.put(ref.key(), ref.etag());
  }

  boolean isDone(S3ObjectRef ref) {
    return ref.etag().equals(etagByKey.get(ref.key()));
  }

  /** The stored offsets show the version done: no need to remember it here any longer. */
  void confirmed(S3ObjectRef ref) {
    etagByKey.remove(ref.key(), ref.etag());
  }
}
