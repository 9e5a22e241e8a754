package dev.listings.cleaner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LivingAreaParserTest {

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(delimiter = '|', value = {
    "84|84",
    "84 m²|84",
    "84m2|84",
    "84.5 sqm|84.5",
    "84,5 m2|84.5",
    "  120 M2 |120",
    "1'200 SQM|1200",
    "0.5|0.5"
  })
  void readsNumericStringsWithAnOptionalUnit(String text, double squareMeters) {
    LivingAreaParser.Result result = LivingAreaParser.parse(text);
    assertThat(result.isValid()).isTrue();
    assertThat(result.squareMeters()).isEqualTo(squareMeters);
  }

  @ParameterizedTest(name = "\"{0}\" -> {1}")
  @CsvSource(delimiter = '|', value = {
    "''|is empty",
    "abc|is not a number",
    "-84|is not positive",
    "0 m²|is not positive",
    "84 ft²|has an unknown unit or text after the number",
    "84 m² garden|has an unknown unit or text after the number",
    "m² 84|is not a number"
  })
  void refusesWhatIsNotAPositiveArea(String text, String why) {
    assertThat(LivingAreaParser.parse(text).why()).isEqualTo(why);
  }

  @Test
  void readsJsonNumbersWhenPositiveAndFinite() {
    assertThat(LivingAreaParser.fromNumber(84.0).squareMeters()).isEqualTo(84.0);
    assertThat(LivingAreaParser.fromNumber(0).why()).isEqualTo("is not positive");
    assertThat(LivingAreaParser.fromNumber(-3).why()).isEqualTo("is not positive");
    assertThat(LivingAreaParser.fromNumber(Double.POSITIVE_INFINITY).why()).isEqualTo("is not a finite number");
  }
}
