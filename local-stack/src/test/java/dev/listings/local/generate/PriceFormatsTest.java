package dev.listings.local.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PriceFormatsTest {
  @Test
  void groupsThousandsFromTheRight() {
    assertThat(PriceFormats.group(1_250_000, '\'')).isEqualTo("1'250'000");
    assertThat(PriceFormats.group(530_000, ' ')).isEqualTo("530 000");
    assertThat(PriceFormats.group(999, ',')).isEqualTo("999");
    assertThat(PriceFormats.group(1_000, '.')).isEqualTo("1.000");
  }

  @Test
  void writesTheStylesListingSitesUse() {
    assertThat(PriceFormats.format(530_000, 0)).isEqualTo("\"530 000€/mo.\"");
    assertThat(PriceFormats.format(1_250_000, 1)).isEqualTo("\"CHF 1'250'000\"");
    assertThat(PriceFormats.format(450_000, 2)).isEqualTo("\"€ 450.000\"");
    assertThat(PriceFormats.format(450_000, 3)).isEqualTo("\"450,000 EUR\"");
    assertThat(PriceFormats.format(1_250_000, 4)).isEqualTo("\"1.25 Mio. CHF\"");
    assertThat(PriceFormats.format(2_000_000, 4)).isEqualTo("\"2 Mio. CHF\"");
    assertThat(PriceFormats.format(750_000, 5)).isEqualTo("\"750k\"");
    assertThat(PriceFormats.format(1_200_000, 6)).isEqualTo("\"$1,200,000\"");
    assertThat(PriceFormats.format(450_000, 7)).isEqualTo("450000");
    assertThat(PriceFormats.format(890_000, 8)).isEqualTo("\"Fr. 890'000.–\"");
  }
}
