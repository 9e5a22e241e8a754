package dev.listings.cleaner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScrapingDateParserTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "2021-02-17,2021-02-17",
    "2021-02-17T10:15:30,2021-02-17",
    "2021-02-17T10:15:30.123,2021-02-17",
    "2021-02-17T23:59:59Z,2021-02-17",
    "2021-02-17T00:30:00+01:00,2021-02-17",
    "2021-02-17T00:30:00-05:00[America/New_York],2021-02-17",
    "2021-02-17 10:15:30,2021-02-17",
    "17.02.2021,2021-02-17",
    "7.2.2021,2021-02-07",
    "17/02/2021,2021-02-17",
    "2021/02/17,2021-02-17",
    "2024-02-29,2024-02-29",
    "' 2021-02-17 ',2021-02-17"
  })
  void castsSupportedFormatsToTheCalendarDateAsWritten(String text, LocalDate expected) {
    assertThat(ScrapingDateParser.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "2021-02-30", "2023-02-29", "2021-13-01", "2021-00-10", "31.04.2021", "32/01/2021", "2021/02/30",
    "17.02.21", "02/17/2021", "2021-2-17", "2021-02-17T25:00:00", "2021-02-17Tnoon", "yesterday", "17.02.2021.",
    "2021-02-17Z", "+2021-02-17", "17-02-2021", "2021.02.17"
  })
  void refusesImpossibleOrUnsupportedDates(String text) {
    assertThat(ScrapingDateParser.parse(text)).isNull();
  }
}
