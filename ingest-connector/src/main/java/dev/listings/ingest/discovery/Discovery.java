package dev.listings.ingest.discovery;

import java.time.Instant;
import java.util.List;

/** Finds object versions to ingest, for the objects this task owns. Used from the task's thread only. */
public interface Discovery extends AutoCloseable {
  /** Candidates found, and whether more can be asked for at once (a listing pass in progress). */
  record Found(List<S3ObjectRef> objects, boolean more) {
    public static final Found NOTHING = new Found(List.of(), false);
  }

  /** The next candidates; nothing when it is not yet time to look again. */
  Found discover(Instant now);

  /** Housekeeping on every poll: keep leases on received events alive, acknowledge what is settled. */
  default void maintain(Instant now) {}

  /** The version is committed to Kafka (or needed no records): events announcing it may be acknowledged. */
  default void settled(ObjectVersion version) {}

  @Override
  default void close() {}
}
