package dev.listings.local.generate;

import java.math.BigDecimal;

/** Human price formats seen on listing sites; each returns JSON value text (a quoted string or a bare number). */
final class PriceFormats {
  static final int STYLES = 9;

  private PriceFormats() {}

  static String format(long price, int style) {
    return switch (style) {
      case 0 -> quoted(group(price, ' ') + "€/mo.");
      case 1 -> quoted("CHF " + group(price, '\''));
      case 2 -> quoted("€ " + group(price, '.'));
      case 3 -> quoted(group(price, ',') + " EUR");
      case 4 -> price >= 1_000_000 ? quoted(millions(price) + " Mio. CHF") : quoted(group(price, '\u202f') + " CHF");
      case 5 -> quoted((price / 1000) + "k");
      case 6 -> quoted("$" + group(price, ','));
      case 7 -> Long.toString(price);
      default -> quoted("Fr. " + group(price, '\'') + ".–");
    };
  }

  /** Groups thousands with the given separator: 1250000, '\'' → 1'250'000. */
  static String group(long value, char separator) {
    String digits = Long.toString(value);
    StringBuilder out = new StringBuilder(digits.length() + digits.length() / 3);
    int lead = digits.length() % 3;
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (i - lead) % 3 == 0) {
        out.append(separator);
      }
      out.append(digits.charAt(i));
    }
    return out.toString();
  }

  /** 1_250_000 → "1.25"; at most two decimals so that no decimal part reads as a thousands group. */
  private static String millions(long price) {
    BigDecimal value = BigDecimal.valueOf(Math.round(price / 10_000.0), 2).stripTrailingZeros();
    return value.scale() <= 0 ? value.toBigInteger().toString() : value.toPlainString();
  }

  private static String quoted(String text) {
    return '"' + text.replace("\"", "\\\"") + '"';
  }
}
