package dev.listings.cleaner.rules;

import static dev.listings.cleaner.rules.RejectReason.AREA_INVALID;
import static dev.listings.cleaner.rules.RejectReason.AREA_OUT_OF_RANGE;
import static dev.listings.cleaner.rules.RejectReason.DATE_INVALID;
import static dev.listings.cleaner.rules.RejectReason.DATE_OUT_OF_RANGE;
import static dev.listings.cleaner.rules.RejectReason.MALFORMED_RECORD;
import static dev.listings.cleaner.rules.RejectReason.MISSING_FIELD;
import static dev.listings.cleaner.rules.RejectReason.PRICE_PER_SQM_OUT_OF_RANGE;
import static dev.listings.cleaner.rules.RejectReason.PRICE_UNPARSEABLE;
import static dev.listings.cleaner.rules.RejectReason.PROPERTY_TYPE_EXCLUDED;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ListingJudgeTest {
  private static final String VALID =
      "{\"id\":\"0000a4fb\",\"raw_price\":\"530 000€/mo.\",\"living_area\":84.0,\"property_type\":\"apartment\","
          + "\"municipality\":\" Solothurn \",\"scraping_date\":\"2021-02-17\"}";

  private final ListingJudge judge = new ListingJudge(CleaningRules.defaults());

  @Test
  void acceptsAValidLineAsATypedCleanListing() {
    Verdict verdict = judge.judge(bytes(VALID));
    assertThat(verdict).isEqualTo(new Verdict.Accepted(new CleanListing("0000a4fb", LocalDate.of(2021, 2, 17),
        "apartment", "Solothurn", 530_000, "EUR", 84, 6309.52)));
  }

  static Stream<Arguments> lines() {
    return Stream.of(
        Arguments.of("not json", List.of(MALFORMED_RECORD)),
        Arguments.of("{\"id\":\"a\"} trailing", List.of(MALFORMED_RECORD)),
        Arguments.of("{\"id\":\"a\",\"id\":\"b\"}", List.of(MALFORMED_RECORD)),
        Arguments.of("[]", List.of(MALFORMED_RECORD)),
        Arguments.of("", List.of(MALFORMED_RECORD)),
        Arguments.of(line("a", "\"Price on request\"", "84", "\"apartment\"", "\"2021-02-17\""),
            List.of(PRICE_UNPARSEABLE)),
        Arguments.of(line("a", "\"530 000\"", "\"big\"", "\"apartment\"", "\"2021-02-17\""), List.of(AREA_INVALID)),
        Arguments.of(line("a", "\"530 000\"", "84", "\"apartment\"", "\"2021-02-30\""), List.of(DATE_INVALID)),
        Arguments.of(line("a", "\"530 000\"", "84", "\"studio\"", "\"2021-02-17\""), List.of(PROPERTY_TYPE_EXCLUDED)),
        Arguments.of(line("a", "\"530 000\"", "800", "\"house\"", "\"2021-02-17\""), List.of(AREA_OUT_OF_RANGE)),
        Arguments.of(line("a", "\"30 000\"", "84", "\"house\"", "\"2021-02-17\""),
            List.of(PRICE_PER_SQM_OUT_OF_RANGE)),
        // Every rule that can be judged from what parsed is reported, primary first.
        Arguments.of(line("a", "\"n/a\"", "5", "\"studio\"", "\"yesterday\""),
            List.of(PRICE_UNPARSEABLE, DATE_INVALID, PROPERTY_TYPE_EXCLUDED, AREA_OUT_OF_RANGE)),
        Arguments.of(line("a", "\"10\"", "5", "\"studio\"", "\"2021-02-17\""),
            List.of(PROPERTY_TYPE_EXCLUDED, AREA_OUT_OF_RANGE, PRICE_PER_SQM_OUT_OF_RANGE)),
        Arguments.of("{\"raw_price\":\"10\",\"living_area\":\"-1\",\"property_type\":\"apartment\"}",
            List.of(MISSING_FIELD, AREA_INVALID)),
        Arguments.of("{\"id\":\"a\",\"raw_price\":\"10\",\"living_area\":5,\"property_type\":\"studio\"}",
            List.of(MISSING_FIELD, PROPERTY_TYPE_EXCLUDED, AREA_OUT_OF_RANGE, PRICE_PER_SQM_OUT_OF_RANGE)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("lines")
  void reportsEveryFailingRuleInRuleOrder(String line, List<RejectReason> reasons) {
    Verdict verdict = judge.judge(bytes(line));
    assertThat(verdict).isInstanceOf(Verdict.Rejected.class);
    assertThat(((Verdict.Rejected) verdict).reasons()).isEqualTo(reasons);
  }

  @Test
  void checksTheOptionalMinimumDateLast() {
    ListingJudge from2022 = new ListingJudge(CleaningRules.defaults().withMinScrapingDate(LocalDate.of(2022, 1, 1)));
    Verdict verdict = from2022.judge(bytes(line("a", "\"10\"", "84", "\"apartment\"", "\"17.02.2021\"")));
    assertThat(((Verdict.Rejected) verdict).reasons()).containsExactly(PRICE_PER_SQM_OUT_OF_RANGE, DATE_OUT_OF_RANGE);
    assertThat(judge.judge(bytes(line("a", "\"530000\"", "84", "\"apartment\"", "\"17.02.2021\""))))
        .isInstanceOf(Verdict.Accepted.class);
  }

  @Test
  void keepsTheIdOfARejectedLineAndExplainsEachFailure() {
    Verdict.Rejected rejected =
        (Verdict.Rejected) judge.judge(bytes(line(" x1 ", "\"auf Anfrage\"", "84", "\"Villa\"", "\"2021-02-17\"")));
    assertThat(rejected.id()).isEqualTo("x1");
    assertThat(rejected.primary()).isEqualTo(new Failure(PRICE_UNPARSEABLE, "raw_price \"auf Anfrage\" has no amount"));
    assertThat(rejected.failures().get(1).message()).isEqualTo("property_type \"Villa\" is not one of [apartment, house]");
  }

  @Test
  void acceptsBareNumbersAreaStringsAndOtherDateFormats() {
    Verdict verdict = judge.judge(bytes(
        "{\"id\":7,\"raw_price\":450000,\"living_area\":\"90 m²\",\"property_type\":\" House\","
            + "\"scraping_date\":\"2022/11/24\",\"extra\":true}"));
    assertThat(verdict).isEqualTo(new Verdict.Accepted(new CleanListing("7", LocalDate.of(2022, 11, 24), "house",
        null, 450_000, null, 90, 5000)));
  }

  private static String line(String id, String price, String area, String type, String date) {
    return "{\"id\":\"" + id + "\",\"raw_price\":" + price + ",\"living_area\":" + area + ",\"property_type\":" + type
        + ",\"scraping_date\":" + date + "}";
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
