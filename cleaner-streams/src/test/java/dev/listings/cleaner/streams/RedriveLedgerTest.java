package dev.listings.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.listings.cleaner.rules.CleaningRules;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Re-driven lines (header {@code redrive.of}) are judged again and counted under their re-drive run, apart from the
 * object's first judgment: the object's balance never changes, and a re-driven line is counted once, as re-driven.
 */
class RedriveLedgerTest {
  private static final String OBJECT = "s3://landing/sample/scraping_data.jsonl@etag-1";
  private static final String STUDIO = DedupeTest.listing("s1", "\"530 000\"", "2021-02-17")
      .replace("\"apartment\"", "\"studio\"");

  @Test
  void aCorrectedLineNowCuratedIsCountedOnceAsRedrivenAndTheObjectBalanceStays() {
    try (CleanerDriver cleaner = new CleanerDriver()) {
      cleaner.pipe(DedupeTest.listing("a1", "\"530 000\"", "2021-02-17"));
      cleaner.pipe(STUDIO);
      cleaner.pipe(DedupeTest.listing("a1", "\"530 000\"", "2021-02-17"));
      cleaner.publishLedger();
      assertThat(cleaner.curated()).extracting(TestRecord::key).containsExactly("a1");
      assertThat(cleaner.rejects()).hasSize(1);
      Map<String, JsonNode> before = Map.copyOf(cleaner.ledger());

      // A person corrects the type; the line goes back with its original provenance (line 2) and the re-drive headers.
      cleaner.pipe(STUDIO.replace("\"studio\"", "\"apartment\""), redrive(2, "rd-1"));
      cleaner.publishLedger();

      assertThat(cleaner.curated()).singleElement().satisfies(curated -> {
        assertThat(curated.key()).isEqualTo("s1");
        assertThat(curated.value().getSource().getLine()).isEqualTo(2);
        assertThat(RejectRecordTest.header(curated.headers(), Redrive.OF)).isEqualTo(OBJECT + "#2");
      });
      CleanerDriver.Counts counts = cleaner.ledgerByObject().get(OBJECT);
      assertThat(counts.curated).as("first judgments unchanged").isEqualTo(1);
      assertThat(counts.rejected).isEqualTo(1);
      assertThat(counts.duplicates).isEqualTo(1);
      assertThat(cleaner.ledger()).containsAllEntriesOf(before);

      JsonNode redriven = cleaner.ledger().get("0_0.dedupe|redrive:rd-1|" + OBJECT);
      assertThat(redriven.path("redrive_run").asText()).isEqualTo("rd-1");
      assertThat(redriven.path("curated").asLong()).isZero();
      assertThat(redriven.path("redriven").path("curated").asLong()).isEqualTo(1);
      assertThat(redriven.path("redriven").path("duplicates").asLong()).isZero();
      assertThat(cleaner.ledger()).doesNotContainKey("0_0.judge|redrive:rd-1|" + OBJECT);
      assertThat(redrivenTotals(cleaner.ledger())).containsExactly(1L, 0L, 0L);
    }
  }

  @Test
  void aLineRejectedAgainIsARedrivenRejectWhoseRecordKeepsTheRedriveHeaders() {
    try (CleanerDriver cleaner = new CleanerDriver()) {
      cleaner.pipe(STUDIO);
      cleaner.publishLedger();
      cleaner.rejects();

      cleaner.pipe(STUDIO, redrive(1, "rd-2"));
      cleaner.publishLedger();

      List<TestRecord<String, String>> rejects = cleaner.rejects();
      assertThat(rejects).singleElement().satisfies(reject -> {
        assertThat(RejectRecordTest.header(reject.headers(), Redrive.OF)).isEqualTo(OBJECT + "#1");
        assertThat(RejectRecordTest.header(reject.headers(), Redrive.ID)).isEqualTo("rd-2");
        assertThat(RejectRecordTest.header(reject.headers(), "source.line")).isEqualTo("1");
        assertThat(CleanerDriver.json(reject.value()).path("provenance").path("line").asLong()).isEqualTo(1);
      });
      assertThat(cleaner.ledgerByObject().get(OBJECT).rejected).isEqualTo(1);
      JsonNode redriven = cleaner.ledger().get("0_0.judge|redrive:rd-2|" + OBJECT).path("redriven");
      assertThat(redriven.path("rejected").asLong()).isEqualTo(1);
      assertThat(redriven.path("rejected_by_reason").path("PROPERTY_TYPE_EXCLUDED").asLong()).isEqualTo(1);
    }
  }

  @Test
  void eachRunIsCountedApartAndALineEqualToTheLatestVersionIsARedrivenDuplicate() {
    try (CleanerDriver cleaner = new CleanerDriver()) {
      cleaner.pipe(STUDIO);
      String fixed = STUDIO.replace("\"studio\"", "\"house\"");
      cleaner.pipe(fixed, redrive(1, "rd-a"));
      cleaner.pipe(fixed, redrive(1, "rd-b"));
      cleaner.publishLedger();

      assertThat(cleaner.curated()).hasSize(1);
      assertThat(cleaner.ledger().get("0_0.dedupe|redrive:rd-a|" + OBJECT).path("redriven").path("curated").asLong())
          .isEqualTo(1);
      assertThat(cleaner.ledger().get("0_0.dedupe|redrive:rd-b|" + OBJECT).path("redriven").path("duplicates")
          .asLong()).isEqualTo(1);
      CleanerDriver.Counts counts = cleaner.ledgerByObject().get(OBJECT);
      assertThat(counts.total()).as("the object's balance counts the line read once").isEqualTo(1);
      assertThat(counts.rejected).isEqualTo(1);
    }
  }

  @Test
  void aRedrivenLineThatFailsToBeProducedIsCorrectedInTheRedrivenCounts() {
    try (CleanerDriver cleaner = new CleanerDriver(CleaningRules.defaults(), CleanerTopology.Settings.defaults(),
        Map.of("avro.serde.class", FailingCuratedSerde.class.getName()),
        Clock.fixed(CleanerDriver.START, ZoneOffset.UTC), OutcomeListener.NONE, null)) {
      String poisoned = STUDIO.replace("Bern", "Poison");
      cleaner.pipe(poisoned);
      cleaner.pipe(poisoned.replace("\"studio\"", "\"house\""), redrive(1, "rd-3"));
      cleaner.publishLedger();

      assertThat(cleaner.curated()).isEmpty();
      assertThat(cleaner.rejects()).extracting(r -> CleanerDriver.json(r.value()).path("reason").asText())
          .containsExactly("PROPERTY_TYPE_EXCLUDED", "PRODUCTION_ERROR");
      CleanerDriver.Counts counts = cleaner.ledgerByObject().get(OBJECT);
      assertThat(counts.total()).isEqualTo(1);
      assertThat(counts.byReason).containsExactlyEntriesOf(Map.of("PROPERTY_TYPE_EXCLUDED", 1L));
      JsonNode dlq = cleaner.ledger().entrySet().stream()
          .filter(e -> e.getKey().startsWith("dlq|")).map(Map.Entry::getValue).findFirst().orElseThrow();
      assertThat(dlq.path("redrive_run").asText()).isEqualTo("rd-3");
      assertThat(dlq.path("redriven").path("rejected_by_reason").path("PRODUCTION_ERROR").asLong()).isEqualTo(1);
      assertThat(redrivenTotals(cleaner.ledger())).containsExactly(0L, 1L, 0L);
    }
  }

  @Test
  void storeEntriesOfBothFormatsDecode() throws IOException {
    Provenance p = new Provenance("b", "k", "e", 1L, "jsonl", 0L);
    LedgerEntry run = LedgerEntry.empty(p, "rd-9").plusRejected("AREA_INVALID", 4).plusCurated(5);
    assertThat(LedgerCodec.decode(LedgerCodec.encode(run))).isEqualTo(run);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1);
      for (String text : new String[] {"b", "k", "e"}) {
        out.writeBoolean(true);
        out.writeUTF(text);
      }
      out.writeLong(2);
      out.writeLong(1);
      out.writeLong(3);
      out.writeInt(1);
      out.writeUTF("AREA_INVALID");
      out.writeLong(1);
      out.writeLong(77);
      out.writeBoolean(true);
    }
    assertThat(LedgerCodec.decode(bytes.toByteArray())).isEqualTo(
        new LedgerEntry("b", "k", "e", 2, 1, 3, Map.of("AREA_INVALID", 1L), 77, true, null));
  }

  private static Headers redrive(long line, String run) {
    Headers headers = CleanerDriver.provenance(CleanerDriver.BUCKET, CleanerDriver.OBJECT_KEY, CleanerDriver.ETAG, line);
    headers.add(Redrive.OF, (OBJECT + "#" + line).getBytes(StandardCharsets.UTF_8));
    headers.add(Redrive.ID, run.getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  /** Curated, rejected and duplicates summed over the {@code redriven} counts of every ledger record. */
  private static List<Long> redrivenTotals(Map<String, JsonNode> ledger) {
    long[] sums = new long[3];
    for (JsonNode value : ledger.values()) {
      JsonNode redriven = value.path("redriven");
      sums[0] += redriven.path("curated").asLong();
      sums[1] += redriven.path("rejected").asLong();
      sums[2] += redriven.path("duplicates").asLong();
    }
    return List.of(sums[0], sums[1], sums[2]);
  }
}
