package dev.listings.cleaner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Price per m² is price / area rounded half up to 2 decimals on the decimal values as written: whatever path computes
 * it (whole numbers take a shortcut), the result is the one of that definition in {@link BigDecimal}.
 */
class PricePerSquareMeterPropertyTest {

  @Property(tries = 3000)
  void wholePricesAndAreasRoundAsTheDefinition(
      @ForAll @LongRange(min = 1, max = 70_000_000_000_000L) long price, @ForAll @LongRange(min = 1, max = 1_000_000)
      long area) {
    assertThat(Rules.pricePerSquareMeter(price, area)).isEqualTo(definition(price, area));
  }

  @Property(tries = 2000)
  void smallWholeNumbersHitEveryHalfWayCase(
      @ForAll @LongRange(min = 1, max = 20_000) long price, @ForAll @LongRange(min = 1, max = 400) long area) {
    assertThat(Rules.pricePerSquareMeter(price, area)).isEqualTo(definition(price, area));
  }

  @Property(tries = 2000)
  void decimalPricesAndAreasRoundAsTheDefinition(
      @ForAll @DoubleRange(min = 0.01, max = 1e9) double price, @ForAll @DoubleRange(min = 0.01, max = 1e5)
      double area) {
    assertThat(Rules.pricePerSquareMeter(price, area)).isEqualTo(definition(price, area));
  }

  @Property(tries = 500)
  void wholeNumbersBeyondTheShortcutRoundAsTheDefinition(
      @ForAll @LongRange(min = 70_000_000_000_001L, max = 9_000_000_000_000_000L) long price,
      @ForAll @LongRange(min = 1, max = 1_000) long area) {
    assertThat(Rules.pricePerSquareMeter(price, area)).isEqualTo(definition(price, area));
  }

  private static double definition(double price, double area) {
    return BigDecimal.valueOf(price).divide(BigDecimal.valueOf(area), 2, RoundingMode.HALF_UP).doubleValue();
  }
}
