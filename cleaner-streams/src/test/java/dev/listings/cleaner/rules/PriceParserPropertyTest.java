package dev.listings.cleaner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;

/**
 * Formatting an amount in any supported style and reading it back gives the amount and the currency: every thousands
 * separator, either decimal mark, every currency symbol and code (codes in any case) before or after the number or
 * after the suffix, every multiplier, every suffix, the spaces people type between them and around the whole. And the
 * same texts made invalid (a minus sign, a second currency) are refused for that reason.
 */
class PriceParserPropertyTest {
  /** Thousands separators, "" for none. */
  static final List<String> GROUPINGS = List.of("", " ", "\u00A0", "\u202F", "\u2009", "'", "’", ".", ",");
  /** Currency as typed → ISO 4217 code. */
  static final List<String[]> CURRENCIES = List.of(
      new String[] {"€", "EUR"}, new String[] {"EUR", "EUR"},
      new String[] {"CHF", "CHF"}, new String[] {"Fr.", "CHF"}, new String[] {"SFr.", "CHF"},
      new String[] {"$", "USD"}, new String[] {"USD", "USD"}, new String[] {"US$", "USD"},
      new String[] {"£", "GBP"}, new String[] {"GBP", "GBP"});
  /** Multiplier as typed → power of ten; "" for none. */
  static final List<Object[]> MULTIPLIERS = List.of(
      new Object[] {"", 0}, new Object[] {"k", 3}, new Object[] {"K", 3}, new Object[] {"M", 6},
      new Object[] {"Mio", 6}, new Object[] {"Mio.", 6});
  static final List<String> SUFFIXES = List.of("", "/mo.", "/mo", "/month", ".–", ".-", ",–", ",-");
  /** What people type between tokens. */
  static final List<String> GAPS = List.of("", " ", "\u00A0", "\u202F");

  enum Placement { NONE, BEFORE_NUMBER, AFTER_NUMBER, AFTER_SUFFIX }

  /** One way of typing an amount. */
  record Style(long whole, int decimals, int fraction, String grouping, String decimalMark, int currency,
      Placement placement, boolean lowerCaseCode, String gap, int multiplier, String suffix, String padding) {

    String text() {
      StringBuilder number = new StringBuilder(group(whole, grouping));
      if (decimals > 0) {
        number.append(decimalMark).append(fractionDigits());
      }
      String multiplierText = (String) MULTIPLIERS.get(multiplier)[0];
      if (!multiplierText.isEmpty()) {
        number.append(gap).append(multiplierText);
      }
      String symbol = placement == Placement.NONE ? "" : CURRENCIES.get(currency)[0];
      if (lowerCaseCode && !symbol.isEmpty() && Character.isLetter(symbol.charAt(symbol.length() - 1))) {
        symbol = symbol.toLowerCase(Locale.ROOT);
      }
      // A letter after a multiplier or a suffix would read as one word with it: people type a space there.
      String beforeCurrency = startsWithLetter(symbol) && (!multiplierText.isEmpty() || !suffix.isEmpty())
          && gap.isEmpty() ? " " : gap;
      String text = switch (placement) {
        case NONE -> number + suffix;
        case BEFORE_NUMBER -> symbol + gap + number + suffix;
        case AFTER_NUMBER -> number + (startsWithLetter(symbol) && !multiplierText.isEmpty() ? beforeCurrency : gap)
            + symbol + suffix;
        case AFTER_SUFFIX -> number + suffix + (suffix.isEmpty() && multiplierText.isEmpty() ? gap : beforeCurrency)
            + symbol;
      };
      return padding + text + padding;
    }

    BigDecimal amount() {
      BigDecimal value = new BigDecimal(whole + (decimals == 0 ? "" : "." + fractionDigits()));
      return value.scaleByPowerOfTen((Integer) MULTIPLIERS.get(multiplier)[1]);
    }

    String currencyCode() {
      return placement == Placement.NONE ? null : CURRENCIES.get(currency)[1];
    }

    private String fractionDigits() {
      String digits = Integer.toString(fraction % (decimals == 1 ? 10 : 100));
      return "0".repeat(decimals - digits.length()) + digits;
    }

    private static boolean startsWithLetter(String token) {
      return !token.isEmpty() && Character.isLetter(token.charAt(0));
    }
  }

  @Property(tries = 3000)
  void formattedAmountsParseBack(@ForAll("styles") Style style) {
    String text = style.text();

    assertThat(PriceParser.parse(text))
        .as("%s", text)
        .isEqualTo(new PriceResult.Amount(style.amount().doubleValue(), style.currencyCode()));
  }

  @Property(tries = 500)
  void aMinusSignMakesAnyFormattedAmountNegative(@ForAll("styles") Style style,
      @ForAll("minusSigns") String minus) {
    Assume.that(style.placement() != Placement.BEFORE_NUMBER);
    String text = minus + style.text().strip();

    assertThat(PriceParser.parse(text)).as("%s", text).isEqualTo(new PriceResult.Unparseable("is negative"));
  }

  @Property(tries = 500)
  void aSecondCurrencyIsRefused(@ForAll("styles") Style style, @ForAll("currencyIndexes") int other) {
    Assume.that(style.placement() != Placement.NONE);
    String text = style.text().strip() + " " + CURRENCIES.get(other)[0];

    assertThat(PriceParser.parse(text)).as("%s", text)
        .isEqualTo(new PriceResult.Unparseable("states two currencies"));
  }

  @Property(tries = 500)
  void bareJsonNumbersAreTheirOwnAmount(@ForAll @DoubleRange(min = 0.01, max = 1e12) double value) {
    assertThat(PriceParser.fromNumber(value)).isEqualTo(new PriceResult.Amount(value, null));
  }

  @Provide
  Arbitrary<Style> styles() {
    // Half of the amounts without a multiplier, half with one of them.
    Arbitrary<Integer> multiplier =
        Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(1, MULTIPLIERS.size() - 1));
    return multiplier.flatMap(m -> {
      boolean multiplied = m > 0;
      // Amounts with a multiplier are small ("1.2 Mio."); the others go up to 999 billion with separators.
      Arbitrary<Long> whole = multiplied ? Arbitraries.longs().between(1, 999)
          : Arbitraries.longs().between(1, 999_999_999_999L);
      Arbitrary<Integer> decimals = Arbitraries.integers().between(0, 2);
      Arbitrary<Integer> fraction = Arbitraries.integers().between(0, 99);
      Arbitrary<String> grouping = Arbitraries.of(GROUPINGS);
      Arbitrary<String> decimalMark = Arbitraries.of(".", ",");
      Arbitrary<Integer> currency = Arbitraries.integers().between(0, CURRENCIES.size() - 1);
      Arbitrary<Placement> placement = Arbitraries.of(Placement.class);
      return Builders.withBuilder(() -> new StyleBuilder(m))
          .use(whole).in(StyleBuilder::whole)
          .use(decimals).in(StyleBuilder::decimals)
          .use(fraction).in(StyleBuilder::fraction)
          .use(grouping).in(StyleBuilder::grouping)
          .use(decimalMark).in(StyleBuilder::decimalMark)
          .use(currency).in(StyleBuilder::currency)
          .use(placement).in(StyleBuilder::placement)
          .use(Arbitraries.of(true, false)).in(StyleBuilder::lowerCaseCode)
          .use(Arbitraries.of(GAPS)).in(StyleBuilder::gap)
          .use(Arbitraries.of(SUFFIXES)).in(StyleBuilder::suffix)
          .use(Arbitraries.of("", "", " ", "\u00A0", "\t")).in(StyleBuilder::padding)
          .build(StyleBuilder::build);
    }).filter(PriceParserPropertyTest::unambiguous);
  }

  @Provide
  Arbitrary<String> minusSigns() {
    return Arbitraries.of("-", "\u2212", "–");
  }

  @Provide
  Arbitrary<Integer> currencyIndexes() {
    return Arbitraries.integers().between(0, CURRENCIES.size() - 1);
  }

  /**
   * Styles that say one amount only: the grouping differs from the decimal mark, and the dash suffixes that mark a
   * whole amount ({@code .–}) follow whole amounts without a multiplier.
   */
  private static boolean unambiguous(Style style) {
    if (style.decimals() > 0 && style.grouping().equals(style.decimalMark())) {
      return false;
    }
    boolean dashSuffix = style.suffix().endsWith("–") || style.suffix().endsWith("-");
    return !dashSuffix || (style.decimals() == 0 && style.multiplier() == 0);
  }

  private static String group(long whole, String separator) {
    String digits = Long.toString(whole);
    StringBuilder grouped = new StringBuilder();
    int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
    grouped.append(digits, 0, lead);
    for (int i = lead; i < digits.length(); i += 3) {
      grouped.append(separator).append(digits, i, i + 3);
    }
    return grouped.toString();
  }

  /** Collects a style's parts (jqwik combines at most eight arbitraries at once). */
  static final class StyleBuilder {
    private final int multiplier;
    private long whole;
    private int decimals;
    private int fraction;
    private String grouping;
    private String decimalMark;
    private int currency;
    private Placement placement;
    private boolean lowerCaseCode;
    private String gap;
    private String suffix;
    private String padding;

    StyleBuilder(int multiplier) {
      this.multiplier = multiplier;
    }

    StyleBuilder whole(long value) {
      whole = value;
      return this;
    }

    StyleBuilder decimals(int value) {
      decimals = value;
      return this;
    }

    StyleBuilder fraction(int value) {
      fraction = value;
      return this;
    }

    StyleBuilder grouping(String value) {
      grouping = value;
      return this;
    }

    StyleBuilder decimalMark(String value) {
      decimalMark = value;
      return this;
    }

    StyleBuilder currency(int value) {
      currency = value;
      return this;
    }

    StyleBuilder placement(Placement value) {
      placement = value;
      return this;
    }

    StyleBuilder lowerCaseCode(boolean value) {
      lowerCaseCode = value;
      return this;
    }

    StyleBuilder gap(String value) {
      gap = value;
      return this;
    }

    StyleBuilder suffix(String value) {
      suffix = value;
      return this;
    }

    StyleBuilder padding(String value) {
      padding = value;
      return this;
    }

    Style build() {
      return new Style(whole, decimals, fraction, grouping, decimalMark, currency, placement, lowerCaseCode, gap,
          multiplier, suffix, padding);
    }
  }
}
