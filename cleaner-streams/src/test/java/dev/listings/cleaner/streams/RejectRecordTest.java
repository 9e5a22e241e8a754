package dev.listings.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.cleaner.rules.RejectReason;
import dev.listings.schemas.ProvenanceHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule's reason through the topology, and the reject record's JSON, key and headers. */
class RejectRecordTest {

  static Stream<Arguments> linesByReason() {
    return Stream.of(
        Arguments.of("{oops", List.of("MALFORMED_RECORD")),
        Arguments.of("{\"id\":\"a\",\"raw_price\":\"1\"}", List.of("MISSING_FIELD")),
        Arguments.of(line("\"Price on request\"", "84", "apartment", "2021-02-17"), List.of("PRICE_UNPARSEABLE")),
        Arguments.of(line("\"530 000\"", "\"84 acres\"", "apartment", "2021-02-17"), List.of("AREA_INVALID")),
        Arguments.of(line("\"530 000\"", "84", "apartment", "30.02.2021"), List.of("DATE_INVALID")),
        Arguments.of(line("\"530 000\"", "84", "studio", "2021-02-17"), List.of("PROPERTY_TYPE_EXCLUDED")),
        Arguments.of(line("\"530 000\"", "501", "house", "2021-02-17"), List.of("AREA_OUT_OF_RANGE")),
        Arguments.of(line("\"CHF 2 000\"", "84", "house", "2021-02-17"), List.of("PRICE_PER_SQM_OUT_OF_RANGE")),
        Arguments.of(line("\"CHF 500 000\"", "84", "house", "2019-12-31"), List.of("DATE_OUT_OF_RANGE")),
        Arguments.of(line("\"100k\"", "5", "castle", "2019-12-31"), List.of("PROPERTY_TYPE_EXCLUDED",
            "AREA_OUT_OF_RANGE", "PRICE_PER_SQM_OUT_OF_RANGE", "DATE_OUT_OF_RANGE")));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("linesByReason")
  void routesEachFailingLineToRejectsWithItsReasonsInRuleOrder(String line, List<String> reasons) {
    CleaningRules from2020 = CleaningRules.defaults().withMinScrapingDate(LocalDate.of(2020, 1, 1));
    try (CleanerDriver cleaner = driver(from2020, CleanerTopology.Settings.defaults())) {
      cleaner.pipe(line);
      List<TestRecord<String, String>> rejects = cleaner.rejects();
      assertThat(rejects).hasSize(1);
      JsonNode reject = CleanerDriver.json(rejects.get(0).value());
      assertThat(reject.path("reason").asText()).isEqualTo(reasons.get(0));
      assertThat(texts(reject.path("reasons"))).isEqualTo(reasons);
      assertThat(header(rejects.get(0).headers(), ProvenanceHeaders.REJECT_REASON)).isEqualTo(reasons.get(0));
      assertThat(cleaner.curated()).isEmpty();
    }
  }

  @Test
  void rejectRecordCarriesReasonMessageRawProvenanceTimeAndRulesVersion() {
    try (CleanerDriver cleaner = new CleanerDriver()) {
      String line = line("\"Price on request\"", "84", "studio", "2021-02-17");
      cleaner.pipe(line);
      TestRecord<String, String> record = cleaner.rejects().get(0);
      JsonNode reject = CleanerDriver.json(record.value());

      assertThat(record.key()).isEqualTo("x1");
      assertThat(fieldNames(reject)).containsExactly("reason", "reasons", "message", "id", "raw", "raw_truncated",
          "provenance", "rejected_at", "rules_version", "error");
      assertThat(reject.path("reason").asText()).isEqualTo("PRICE_UNPARSEABLE");
      assertThat(texts(reject.path("reasons"))).containsExactly("PRICE_UNPARSEABLE", "PROPERTY_TYPE_EXCLUDED");
      assertThat(reject.path("message").asText()).isEqualTo(
          "raw_price \"Price on request\" has no amount; property_type \"studio\" is not one of [apartment, house]");
      assertThat(reject.path("id").asText()).isEqualTo("x1");
      assertThat(reject.path("raw").asText()).isEqualTo(line);
      assertThat(reject.path("raw_truncated").asBoolean()).isFalse();
      JsonNode provenance = reject.path("provenance");
      assertThat(provenance.path("bucket").asText()).isEqualTo("landing");
      assertThat(provenance.path("key").asText()).isEqualTo("sample/scraping_data.jsonl");
      assertThat(provenance.path("etag").asText()).isEqualTo("etag-1");
      assertThat(provenance.path("line").asLong()).isEqualTo(1);
      assertThat(provenance.path("format").asText()).isEqualTo("jsonl");
      assertThat(provenance.path("ingested_at").asText()).isEqualTo(CleanerDriver.START.toString());
      assertThat(reject.path("rejected_at").asText()).isEqualTo(CleanerDriver.START.toString());
      assertThat(reject.path("rules_version").asText()).isEqualTo(CleaningRules.defaults().version());
      assertThat(reject.path("error").isNull()).isTrue();

      Headers headers = record.headers();
      assertThat(header(headers, "reject.reason")).isEqualTo("PRICE_UNPARSEABLE");
      assertThat(header(headers, "source.bucket")).isEqualTo("landing");
      assertThat(header(headers, "source.key")).isEqualTo("sample/scraping_data.jsonl");
      assertThat(header(headers, "source.etag")).isEqualTo("etag-1");
      assertThat(header(headers, "source.line")).isEqualTo("1");
      assertThat(header(headers, "source.format")).isEqualTo("jsonl");
      assertThat(header(headers, "ingest.ts")).isEqualTo(Long.toString(CleanerDriver.START.toEpochMilli()));
    }
  }

  @Test
  void keysRejectsWithoutAnIdByTheirLineAddress() {
    try (CleanerDriver cleaner = new CleanerDriver()) {
      cleaner.pipe("not json at all");
      TestRecord<String, String> record = cleaner.rejects().get(0);
      assertThat(record.key()).isEqualTo("s3://landing/sample/scraping_data.jsonl#1");
      JsonNode reject = CleanerDriver.json(record.value());
      assertThat(reject.path("reason").asText()).isEqualTo("MALFORMED_RECORD");
      assertThat(reject.path("message").asText()).startsWith("the line is not valid JSON: ");
      assertThat(reject.path("id").isNull()).isTrue();
      assertThat(reject.path("raw").asText()).isEqualTo("not json at all");
    }
  }

  @Test
  void rejectsLinesTheConnectorFlaggedAsCutOrNotUtf8NeverRepairingThem() {
    try (CleanerDriver cleaner = new CleanerDriver()) {
      String valid = line("\"530 000\"", "84", "apartment", "2021-02-17");
      Headers cut = CleanerDriver.provenance("landing", "big.jsonl", "e", 3);
      cut.add(ProvenanceHeaders.LINE_TRUNCATED, CleanerDriver.utf8("true"));
      cleaner.pipe(valid, cut);
      Headers notUtf8 = CleanerDriver.provenance("landing", "big.jsonl", "e", 4);
      notUtf8.add(ProvenanceHeaders.LINE_INVALID_UTF8, CleanerDriver.utf8("true"));
      cleaner.pipe(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, notUtf8, null);

      List<TestRecord<String, String>> rejects = cleaner.rejects();
      assertThat(cleaner.curated()).isEmpty();
      assertThat(rejects).hasSize(2);
      JsonNode first = CleanerDriver.json(rejects.get(0).value());
      assertThat(first.path("reason").asText()).isEqualTo("MALFORMED_RECORD");
      assertThat(first.path("message").asText()).contains("was cut", "ingest.line.truncated", "never repaired");
      assertThat(first.path("raw").asText()).isEqualTo(valid);
      assertThat(header(rejects.get(0).headers(), ProvenanceHeaders.LINE_TRUNCATED)).isEqualTo("true");
      JsonNode second = CleanerDriver.json(rejects.get(1).value());
      assertThat(second.path("message").asText()).contains("not valid UTF-8");
      assertThat(second.path("raw").asText()).isEqualTo("{\uFFFD(}");
    }
  }

  @Test
  void capsTheRawTextAndFlagsTheCut() {
    CleanerTopology.Settings small = new CleanerTopology.Settings(Duration.ofDays(30), Duration.ofHours(1),
        Duration.ofSeconds(1), Duration.ofDays(30), 10);
    try (CleanerDriver cleaner = driver(CleaningRules.defaults(), small)) {
      cleaner.pipe("x".repeat(50_000));
      JsonNode reject = CleanerDriver.json(cleaner.rejects().get(0).value());
      assertThat(reject.path("raw").asText()).isEqualTo("x".repeat(10));
      assertThat(reject.path("raw_truncated").asBoolean()).isTrue();
    }
  }

  @Test
  void countsRejectsInTheLedgerByPrimaryReason() {
    try (CleanerDriver cleaner = new CleanerDriver()) {
      cleaner.pipe(line("\"n/a\"", "84", "studio", "2021-02-17"));
      cleaner.pipe(line("\"530 000\"", "84", "studio", "2021-02-17"));
      cleaner.pipe("[]");
      cleaner.publishLedger();
      CleanerDriver.Counts counts = cleaner.ledgerByObject().get("s3://landing/sample/scraping_data.jsonl@etag-1");
      assertThat(counts.rejected).isEqualTo(3);
      assertThat(counts.byReason).containsExactlyInAnyOrderEntriesOf(Map.of(
          RejectReason.PRICE_UNPARSEABLE.name(), 1L, RejectReason.PROPERTY_TYPE_EXCLUDED.name(), 1L,
          RejectReason.MALFORMED_RECORD.name(), 1L));
    }
  }

  private static CleanerDriver driver(CleaningRules rules, CleanerTopology.Settings settings) {
    return new CleanerDriver(rules, settings, Map.of(), Clock.fixed(CleanerDriver.START, ZoneOffset.UTC),
        OutcomeListener.NONE, null);
  }

  static String line(String price, String area, String type, String date) {
    return "{\"id\":\"x1\",\"raw_price\":" + price + ",\"living_area\":" + area + ",\"property_type\":\"" + type
        + "\",\"municipality\":\"Bern\",\"scraping_date\":\"" + date + "\"}";
  }

  static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
