package dev.listings.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.cleaner.rules.CleaningRules;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** Per-object cumulative counts, published on a short wall-clock interval, summed by readers. */
class LedgerTest {
  private static final String OBJECT = "s3://landing/sample/scraping_data.jsonl@etag-1";

  @Test
  void publishesChangedCountsOnTheIntervalOnly() {
    try (CleanerDriver cleaner = new CleanerDriver()) {
      cleaner.pipe(DedupeTest.listing("a1", "\"530 000\"", "2021-02-17"));
      cleaner.pipe(DedupeTest.listing("a1", "\"on request\"", "2021-02-17"));
      assertThat(cleaner.ledger()).isEmpty();

      cleaner.publishLedger();
      assertThat(cleaner.ledger()).hasSize(2);
      cleaner.ledger().clear();
      cleaner.publishLedger();
      assertThat(cleaner.ledger()).as("nothing changed, nothing published").isEmpty();

      cleaner.pipe(DedupeTest.listing("a1", "\"530 000\"", "2021-02-17"));
      cleaner.publishLedger();
      assertThat(cleaner.ledger()).containsOnlyKeys("0_0.dedupe|" + OBJECT);
      assertThat(cleaner.ledger().get("0_0.dedupe|" + OBJECT).path("duplicates").asLong()).isEqualTo(1);
      assertThat(cleaner.ledger().get("0_0.dedupe|" + OBJECT).path("curated").asLong()).isEqualTo(1);
    }
  }

  @Test
  void countsEachSourceObjectVersionSeparately() {
    try (CleanerDriver cleaner = new CleanerDriver()) {
      String line = DedupeTest.listing("a1", "\"on request\"", "2021-02-17");
      cleaner.pipe(line, CleanerDriver.provenance("landing", "a.jsonl", "v1", 1));
      cleaner.pipe(line, CleanerDriver.provenance("landing", "a.jsonl", "v2", 1));
      cleaner.pipe(line, CleanerDriver.provenance("landing", "b.jsonl", "v1", 1));
      cleaner.publishLedger();
      Map<String, CleanerDriver.Counts> ledger = cleaner.ledgerByObject();
      assertThat(ledger).containsOnlyKeys(
          "s3://landing/a.jsonl@v1", "s3://landing/a.jsonl@v2", "s3://landing/b.jsonl@v1");
      assertThat(ledger.values()).allSatisfy(counts -> assertThat(counts.rejected).isEqualTo(1));
    }
  }

  /**
   * After a restart the store (restored from its changelog) still flags what was counted but not yet published; the
   * tracker finds those entries on init and publishes them. TopologyTestDriver cannot restart with state under
   * exactly-once, so this drives the tracker with a mock context and a pre-filled store.
   */
  @Test
  void publishesAfterARestartWhatWasCountedButNotYetPublished() {
    MockProcessorContext<String, Routed> context = new MockProcessorContext<>();
    KeyValueStore<String, LedgerEntry> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore(CleanerTopology.JUDGE_LEDGER_STORE), Serdes.String(), LedgerCodec.serde())
        .withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    Provenance pending = new Provenance("landing", "pending.jsonl", "e", 1L, "jsonl", 0L);
    Provenance done = new Provenance("landing", "done.jsonl", "e", 1L, "jsonl", 0L);
    store.put(pending.objectRef(), LedgerEntry.empty(pending).plusRejected("AREA_INVALID", 5));
    store.put(done.objectRef(), LedgerEntry.empty(done).plusCurated(5).published());

    LedgerTracker tracker = new LedgerTracker(CleanerTopology.JUDGE, CleanerTopology.JUDGE_LEDGER_STORE,
        Duration.ofSeconds(1), Duration.ofDays(30), Duration.ofHours(1));
    tracker.init(context);
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(1_000L);

    assertThat(context.forwarded()).hasSize(1);
    var published = context.forwarded().get(0).record();
    assertThat(published.key()).isEqualTo("0_0.judge|s3://landing/pending.jsonl@e");
    assertThat(CleanerDriver.json(new String(((Routed.ToLedger) published.value()).json(), StandardCharsets.UTF_8))
        .path("rejected_by_reason").path("AREA_INVALID").asLong()).isEqualTo(1);
    assertThat(store.get(pending.objectRef()).unpublished()).isFalse();
  }

  @Test
  void dropsObjectsUnchangedForTheRetentionFromTheStoreOnly() {
    CleanerTopology.Settings shortLedger = new CleanerTopology.Settings(Duration.ofDays(30), Duration.ofMinutes(1),
        Duration.ofSeconds(1), Duration.ofDays(1), 1000);
    try (CleanerDriver cleaner = new CleanerDriver(CleaningRules.defaults(), shortLedger, Map.of(),
        Clock.fixed(CleanerDriver.START, ZoneOffset.UTC), OutcomeListener.NONE, null)) {
      cleaner.pipe(bytes(DedupeTest.listing("a1", "\"on request\"", "2021-02-17")),
          CleanerDriver.provenance("landing", "old.jsonl", "e", 1), CleanerDriver.START);
      cleaner.pipe(bytes(DedupeTest.listing("a2", "\"on request\"", "2021-02-17")),
          CleanerDriver.provenance("landing", "new.jsonl", "e", 1), CleanerDriver.START.plus(Duration.ofDays(2)));
      cleaner.publishLedger();
      cleaner.driver.advanceWallClockTime(Duration.ofMinutes(1));

      KeyValueStore<String, LedgerEntry> store = cleaner.driver.getKeyValueStore(CleanerTopology.JUDGE_LEDGER_STORE);
      assertThat(store.get("s3://landing/old.jsonl@e")).isNull();
      assertThat(store.get("s3://landing/new.jsonl@e").rejected()).isEqualTo(1);
      assertThat(cleaner.ledgerByObject()).containsKeys("s3://landing/old.jsonl@e", "s3://landing/new.jsonl@e");
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
