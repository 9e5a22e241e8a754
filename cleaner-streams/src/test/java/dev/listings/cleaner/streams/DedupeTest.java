package dev.listings.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.schemas.avro.CuratedListing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** A valid line equal to the latest curated version of its id is a counted duplicate; any change is a new version. */
class DedupeTest {
  private static final String OBJECT = "s3://landing/sample/scraping_data.jsonl@etag-1";

  @Test
  void countsAnIdenticalLineAsDuplicateWithoutEmittingIt() {
    try (CleanerDriver cleaner = new CleanerDriver()) {
      cleaner.pipe(listing("a1", "\"530 000€/mo.\"", "2021-02-17"));
      cleaner.pipe(listing("a1", "\"530 000€/mo.\"", "2021-02-17"));
      cleaner.publishLedger();
      assertThat(cleaner.curated()).hasSize(1);
      CleanerDriver.Counts counts = cleaner.ledgerByObject().get(OBJECT);
      assertThat(counts.curated).isEqualTo(1);
      assertThat(counts.duplicates).isEqualTo(1);
    }
  }

  @Test
  void deduplicatesAgainstTheSameStoreWhetherALineArrivesKeyedByIdOrIsReKeyedByTheCleaner() {
    try (CleanerDriver cleaner = new CleanerDriver()) {
      cleaner.pipe(listing("a1", "\"530 000€/mo.\"", "2021-02-17")); // keyed by id: straight to dedupe
      cleaner.keyedByObject();
      cleaner.pipe(listing("a1", "\"530 000€/mo.\"", "2021-02-17")); // keyed by object: through the repartition
      cleaner.pipe(listing("a1", "\"520 000€/mo.\"", "2021-02-17"));
      cleaner.publishLedger();

      assertThat(cleaner.curated()).extracting(r -> r.value().getPrice()).containsExactly(530_000d, 520_000d);
      CleanerDriver.Counts counts = cleaner.ledgerByObject().get(OBJECT);
      assertThat(counts.curated).isEqualTo(2);
      assertThat(counts.duplicates).isEqualTo(1);
    }
  }

  @Test
  void emitsARescrapeWithAChangedPriceAsANewVersion() {
    try (CleanerDriver cleaner = new CleanerDriver()) {
      cleaner.pipe(listing("a1", "\"530 000€/mo.\"", "2021-02-17"));
      cleaner.pipe(listing("a1", "\"520 000€/mo.\"", "2021-02-17"));
      List<TestRecord<String, CuratedListing>> curated = cleaner.curated();
      assertThat(curated).extracting(r -> r.value().getPrice()).containsExactly(530_000d, 520_000d);
    }
  }

  @Test
  void emitsTheSameListingScrapedOnAnotherDateAsANewVersion() {
    try (CleanerDriver cleaner = new CleanerDriver()) {
      cleaner.pipe(listing("a1", "\"530 000€/mo.\"", "2021-02-17"));
      cleaner.pipe(listing("a1", "\"530 000€/mo.\"", "2021-03-17"));
      assertThat(cleaner.curated()).extracting(r -> r.value().getScrapingDate().toString())
          .containsExactly("2021-02-17", "2021-03-17");
    }
  }

  @Test
  void treatsADifferentlyStatedCurrencyAsAChange() {
    try (CleanerDriver cleaner = new CleanerDriver()) {
      cleaner.pipe(listing("a1", "\"530 000€\"", "2021-02-17"));
      cleaner.pipe(listing("a1", "\"530 000\"", "2021-02-17"));
      cleaner.pipe(listing("a1", "\"EUR 530'000\"", "2021-02-17"));
      assertThat(cleaner.curated()).extracting(r -> r.value().getCurrency()).containsExactly("EUR", null, "EUR");
    }
  }

  @Test
  void comparesWithTheLatestVersionOnly() {
    try (CleanerDriver cleaner = new CleanerDriver()) {
      cleaner.pipe(listing("a1", "\"530 000\"", "2021-02-17"));
      cleaner.pipe(listing("a1", "\"520 000\"", "2021-02-17"));
      cleaner.pipe(listing("a1", "\"530 000\"", "2021-02-17"));
      assertThat(cleaner.curated()).hasSize(3);
    }
  }

  @Test
  void ignoresProvenanceAndCountsTheDuplicateAgainstItsOwnObject() {
    try (CleanerDriver cleaner = new CleanerDriver()) {
      cleaner.pipe(listing("a1", "\"530 000\"", "2021-02-17"));
      cleaner.pipe(listing("a1", "\"530 000\"", "2021-02-17"),
          CleanerDriver.provenance("landing", "next-day.jsonl", "etag-2", 1));
      cleaner.publishLedger();
      assertThat(cleaner.curated()).hasSize(1);
      Map<String, CleanerDriver.Counts> ledger = cleaner.ledgerByObject();
      assertThat(ledger.get(OBJECT).curated).isEqualTo(1);
      assertThat(ledger.get("s3://landing/next-day.jsonl@etag-2").duplicates).isEqualTo(1);
    }
  }

  @Test
  void neverDeduplicatesRejectedLines() {
    try (CleanerDriver cleaner = new CleanerDriver()) {
      cleaner.pipe(listing("a1", "\"on request\"", "2021-02-17"));
      cleaner.pipe(listing("a1", "\"on request\"", "2021-02-17"));
      assertThat(cleaner.rejects()).hasSize(2);
    }
  }

  @Test
  void forgetsIdsNotSeenForTheRetentionSoTheirNextSightingIsANewVersion() {
    CleanerTopology.Settings oneDay = new CleanerTopology.Settings(Duration.ofDays(1), Duration.ofMinutes(1),
        Duration.ofSeconds(1), Duration.ofDays(30), 1000);
    try (CleanerDriver cleaner = new CleanerDriver(CleaningRules.defaults(), oneDay, Map.of(),
        Clock.fixed(CleanerDriver.START, ZoneOffset.UTC), OutcomeListener.NONE, null)) {
      Instant t0 = CleanerDriver.START;
      pipeAt(cleaner, listing("old", "\"530 000\"", "2021-02-17"), t0, 1);
      pipeAt(cleaner, listing("kept", "\"530 000\"", "2021-02-17"), t0.plus(Duration.ofHours(30)), 2);
      cleaner.driver.advanceWallClockTime(Duration.ofMinutes(1));
      pipeAt(cleaner, listing("old", "\"530 000\"", "2021-02-17"), t0.plus(Duration.ofHours(31)), 3);
      pipeAt(cleaner, listing("kept", "\"530 000\"", "2021-02-17"), t0.plus(Duration.ofHours(31)), 4);

      assertThat(cleaner.curated()).extracting(TestRecord::key).containsExactly("old", "kept", "old");
    }
  }

  private static void pipeAt(CleanerDriver cleaner, String line, Instant at, long lineNo) {
    cleaner.pipe(line.getBytes(StandardCharsets.UTF_8),
        CleanerDriver.provenance("landing", "sample/scraping_data.jsonl", "etag-1", lineNo), at);
  }

  static String listing(String id, String price, String date) {
    return "{\"id\":\"" + id + "\",\"raw_price\":" + price + ",\"living_area\":84,\"property_type\":\"apartment\","
        + "\"municipality\":\"Bern\",\"scraping_date\":\"" + date + "\"}";
  }
}
