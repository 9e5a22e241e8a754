package dev.listings.cleaner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PriceParserTest {

  static Stream<Arguments> pricesAsTyped() {
    return Stream.of(
        Arguments.of("530 000€/mo.", 530_000d, "EUR"),
        Arguments.of("1 573 000€/mo.", 1_573_000d, "EUR"),
        Arguments.of("CHF 1'250'000.–", 1_250_000d, "CHF"),
        Arguments.of("CHF 1'250'000.-", 1_250_000d, "CHF"),
        Arguments.of("CHF 1’250’000", 1_250_000d, "CHF"),
        Arguments.of("Fr. 890'000", 890_000d, "CHF"),
        Arguments.of("890'000 Fr.", 890_000d, "CHF"),
        Arguments.of("€ 450.000", 450_000d, "EUR"),
        Arguments.of("450,000 EUR", 450_000d, "EUR"),
        Arguments.of("1.2 Mio. CHF", 1_200_000d, "CHF"),
        Arguments.of("1,25 Mio CHF", 1_250_000d, "CHF"),
        Arguments.of("CHF 1.5M", 1_500_000d, "CHF"),
        Arguments.of("750k", 750_000d, null),
        Arguments.of("750 K €", 750_000d, "EUR"),
        Arguments.of("$1,200,000", 1_200_000d, "USD"),
        Arguments.of("£350,000", 350_000d, "GBP"),
        Arguments.of("350000 GBP", 350_000d, "GBP"),
        Arguments.of("USD 99,500.50", 99_500.5d, "USD"),
        Arguments.of("1.234.567,89 €", 1_234_567.89d, "EUR"),
        Arguments.of("450 000.50", 450_000.5d, null),
        Arguments.of("1,5", 1.5d, null),
        Arguments.of("1.2345", 1.2345d, null),
        Arguments.of("530\u00A0000 €", 530_000d, "EUR"),
        Arguments.of("530\u202F000\u202F€", 530_000d, "EUR"),
        Arguments.of("  chf 640'000  ", 640_000d, "CHF"),
        Arguments.of("1'250'000.– CHF", 1_250_000d, "CHF"),
        Arguments.of("450000", 450_000d, null),
        Arguments.of("+450000", 450_000d, null));
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @MethodSource("pricesAsTyped")
  void readsPricesAsTyped(String text, double amount, String currency) {
    assertThat(PriceParser.parse(text)).isEqualTo(new PriceResult.Amount(amount, currency));
  }

  static Stream<Arguments> notPrices() {
    return Stream.of(
        Arguments.of("Price on request", "has no amount"),
        Arguments.of("auf Anfrage", "has no amount"),
        Arguments.of("", "is empty"),
        Arguments.of("   ", "is empty"),
        Arguments.of("-450000", "is negative"),
        Arguments.of("CHF −450'000", "is negative"),
        Arguments.of("0", "is zero"),
        Arguments.of("CHF 0.00", "is zero"),
        Arguments.of("CHF 1'000 EUR", "states two currencies"),
        Arguments.of("450 000 apples", "has unexpected text at position 9"),
        Arguments.of("1.2.3", "has unexpected text at position 4"),
        Arguments.of("12 34", "has unexpected text at position 4"),
        Arguments.of("450000.", "has unexpected text at position 7"),
        Arguments.of("1234567890123456", "has more than 15 significant digits"),
        Arguments.of("k750", "has no amount"),
        Arguments.of("€", "has no amount"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("notPrices")
  void refusesWhatIsNotAPositiveAmount(String text, String why) {
    assertThat(PriceParser.parse(text)).isEqualTo(new PriceResult.Unparseable(why));
  }

  @Test
  void readsBareNumbersAndRefusesNonPositiveOnes() {
    assertThat(PriceParser.fromNumber(450_000)).isEqualTo(new PriceResult.Amount(450_000, null));
    assertThat(PriceParser.fromNumber(0)).isEqualTo(new PriceResult.Unparseable("is zero"));
    assertThat(PriceParser.fromNumber(-1)).isEqualTo(new PriceResult.Unparseable("is negative"));
    assertThat(PriceParser.fromNumber(Double.NaN)).isInstanceOf(PriceResult.Unparseable.class);
  }

  @Test
  void treatsADotOrCommaBeforeExactlyThreeDigitsAsThousandsSeparator() {
    assertThat(PriceParser.parse("1.500")).isEqualTo(new PriceResult.Amount(1_500, null));
    assertThat(PriceParser.parse("1,500")).isEqualTo(new PriceResult.Amount(1_500, null));
    assertThat(PriceParser.parse("1.50")).isEqualTo(new PriceResult.Amount(1.5, null));
    assertThat(PriceParser.parse("1.5000")).isEqualTo(new PriceResult.Amount(1.5, null));
  }

  @Test
  void refusesLongHostileInput() {
    // The scanner is linear (no regular expressions, no backtracking); the cost is measured by PriceParserBenchmark.
    String hostile = "1" + " 000".repeat(4) + "9".repeat(100_000);
    assertThat(PriceParser.parse(hostile)).isInstanceOf(PriceResult.Unparseable.class);
    assertThat(PriceParser.parse("9".repeat(100_000))).isEqualTo(
        new PriceResult.Unparseable("has more than 15 significant digits"));
    assertThat(PriceParser.parse("€".repeat(100_000))).isEqualTo(new PriceResult.Unparseable("has no amount"));
  }
}
