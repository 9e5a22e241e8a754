package dev.listings.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.listings.schemas.avro.CuratedListing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled sample gives the brief's figures, and the ledger accounts for every line. */
class SampleExpectationsTest {
  private static final Path SAMPLE = Path.of("../data/sample/scraping_data.jsonl");

  /** Keyed by listing id as the connector writes them, or by object as another producer might: the same outcome. */
  @ParameterizedTest(name = "raw lines keyed by {0}")
  @ValueSource(strings = {"listing id", "object"})
  void sampleGivesNinetyCuratedTwentyTwoRejectedNinetyFiveDuplicates(String keying) throws IOException {
    List<String> lines = Files.readAllLines(SAMPLE, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(207);
    try (CleanerDriver cleaner = new CleanerDriver()) {
      if (keying.equals("object")) {
        cleaner.keyedByObject();
      }
      lines.forEach(cleaner::pipe);
      cleaner.publishLedger();

      List<TestRecord<String, CuratedListing>> curated = cleaner.curated();
      List<TestRecord<String, String>> rejects = cleaner.rejects();
      assertThat(curated).hasSize(90);
      assertThat(rejects).hasSize(22);
      Map<String, Long> byReason = rejects.stream()
          .map(r -> CleanerDriver.json(r.value()).path("reason").asText())
          .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
      assertThat(byReason).containsExactlyEntriesOf(new TreeMap<>(Map.of(
          "AREA_OUT_OF_RANGE", 5L, "PRICE_PER_SQM_OUT_OF_RANGE", 10L, "PROPERTY_TYPE_EXCLUDED", 7L)));

      Map<String, CleanerDriver.Counts> ledger = cleaner.ledgerByObject();
      assertThat(ledger).containsOnlyKeys("s3://landing/sample/scraping_data.jsonl@etag-1");
      CleanerDriver.Counts counts = ledger.values().iterator().next();
      assertThat(counts.curated).isEqualTo(90);
      assertThat(counts.rejected).isEqualTo(22);
      assertThat(counts.duplicates).isEqualTo(95);
      assertThat(counts.total()).isEqualTo(207);
      assertThat(counts.byReason).isEqualTo(byReason);
    }
  }

  @Test
  void curatedListingsCarryTypedFieldsProvenanceAndRulesVersion() throws IOException {
    String first = Files.readAllLines(SAMPLE, StandardCharsets.UTF_8).get(0);
    try (CleanerDriver cleaner = new CleanerDriver()) {
      cleaner.pipe(first);
      TestRecord<String, CuratedListing> record = cleaner.curated().get(0);
      CuratedListing listing = record.value();
      assertThat(record.key()).isEqualTo("0000a4fb");
      assertThat(listing.getId()).isEqualTo("0000a4fb");
      assertThat(listing.getScrapingDate()).hasToString("2021-02-17");
      assertThat(listing.getPropertyType()).isEqualTo("apartment");
      assertThat(listing.getMunicipality()).isEqualTo("Solothurn");
      assertThat(listing.getPrice()).isEqualTo(530_000d);
      assertThat(listing.getCurrency()).isEqualTo("EUR");
      assertThat(listing.getLivingArea()).isEqualTo(84d);
      assertThat(listing.getPricePerSquareMeter()).isEqualTo(6309.52);
      assertThat(listing.getSource().getBucket()).isEqualTo("landing");
      assertThat(listing.getSource().getKey()).isEqualTo("sample/scraping_data.jsonl");
      assertThat(listing.getSource().getEtag()).isEqualTo("etag-1");
      assertThat(listing.getSource().getLine()).isEqualTo(1);
      assertThat(listing.getSource().getIngestedAt()).isEqualTo(CleanerDriver.START);
      assertThat(listing.getRulesVersion()).isEqualTo(cleaner.cleaner.rulesVersion());
      assertThat(record.headers().lastHeader("source.line").value()).isEqualTo(CleanerDriver.utf8("1"));
    }
  }

  /** TopologyTestDriver runs the whole topology as task 0_0; on a broker the tasks are 0_p, one per raw partition p. */
  @Test
  void ledgerKeysNameTheTaskStageAndObject() throws IOException {
    List<String> lines = Files.readAllLines(SAMPLE, StandardCharsets.UTF_8);
    try (CleanerDriver cleaner = new CleanerDriver()) {
      lines.forEach(cleaner::pipe);
      cleaner.publishLedger();
      Map<String, JsonNode> ledger = cleaner.ledger();
      assertThat(ledger).containsOnlyKeys("0_0.judge|s3://landing/sample/scraping_data.jsonl@etag-1",
          "0_0.dedupe|s3://landing/sample/scraping_data.jsonl@etag-1");
      JsonNode judged = ledger.get("0_0.judge|s3://landing/sample/scraping_data.jsonl@etag-1");
      assertThat(judged.path("bucket").asText()).isEqualTo("landing");
      assertThat(judged.path("key").asText()).isEqualTo("sample/scraping_data.jsonl");
      assertThat(judged.path("etag").asText()).isEqualTo("etag-1");
      assertThat(judged.path("rejected").asLong()).isEqualTo(22);
      assertThat(judged.path("curated").asLong()).isZero();
      JsonNode deduped = ledger.get("0_0.dedupe|s3://landing/sample/scraping_data.jsonl@etag-1");
      assertThat(deduped.path("curated").asLong()).isEqualTo(90);
      assertThat(deduped.path("duplicates").asLong()).isEqualTo(95);
    }
  }
}
