package dev.listings.cleaner.rules;

/**
 * Reads the prices people type into listings: {@code 530 000€/mo.}, {@code CHF 1'250'000.–}, {@code Fr. 890'000},
 * {@code € 450.000}, {@code 450,000 EUR}, {@code 1.2 Mio. CHF}, {@code 750k}, {@code $1,200,000}. Grammar: an optional
 * currency, the number (see {@link DecimalScanner}), an optional multiplier ({@code k}, {@code M}, {@code Mio.}), then
 * at most one currency and one suffix ({@code /mo.}, {@code .–}) in any order, separated by optional spaces. Anything
 * else, and amounts that are zero or negative, are refused. A hand-written scanner: linear time, no allocation on
 * success beyond the result.
 */
public final class PriceParser {
  private static final String[][] CURRENCIES = {
    {"EUR", "EUR"}, {"CHF", "CHF"}, {"USD", "USD"}, {"GBP", "GBP"}, {"US$", "USD"}, {"SFr.", "CHF"},
    {"SFr", "CHF"}, {"Fr.", "CHF"}, {"Fr", "CHF"}, {"€", "EUR"}, {"$", "USD"}, {"£", "GBP"}
  };
  private static final String[] SUFFIXES = {
    "/month", "/mo.", "/mo", ".–", ".-", ".—", ",–", ",-", ",—"
  };

  private PriceParser() {}

  /** Reads a price typed as text. */
  public static PriceResult parse(String text) {
    if (text == null) {
      return new PriceResult.Unparseable("is missing");
    }
    int length = text.length();
    int i = skipSpaces(text, 0);
    if (i == length) {
      return new PriceResult.Unparseable("is empty");
    }
    String currency = null;
    int matched = matchCurrency(text, i);
    if (matched >= 0) {
      currency = CURRENCIES[matched][1];
      i = skipSpaces(text, i + CURRENCIES[matched][0].length());
    }
    if (i < length && isMinus(text.charAt(i))) {
      return new PriceResult.Unparseable("is negative");
    }
    if (i < length && text.charAt(i) == '+') {
      i++;
    }
    if (i == length || !isDigit(text.charAt(i))) {
      return new PriceResult.Unparseable("has no amount");
    }
    DecimalScanner number = new DecimalScanner(text, i);
    if (!number.scan()) {
      return new PriceResult.Unparseable("has more than " + DecimalScanner.MAX_DIGITS + " significant digits");
    }
    i = skipSpaces(text, number.end());
    int exponent = 0;
    int multiplierLength = matchMultiplier(text, i);
    if (multiplierLength > 0) {
      exponent = text.charAt(i) == 'k' || text.charAt(i) == 'K' ? 3 : 6;
      i = skipSpaces(text, i + multiplierLength);
    }
    boolean suffixSeen = false;
    while (i < length) {
      int currencyIndex = matchCurrency(text, i);
      if (currencyIndex >= 0 && currency == null) {
        currency = CURRENCIES[currencyIndex][1];
        i = skipSpaces(text, i + CURRENCIES[currencyIndex][0].length());
        continue;
      }
      int suffixLength = suffixSeen ? -1 : matchSuffix(text, i);
      if (suffixLength > 0) {
        suffixSeen = true;
        i = skipSpaces(text, i + suffixLength);
        continue;
      }
      return new PriceResult.Unparseable(
          currencyIndex >= 0 ? "states two currencies" : "has unexpected text at position " + (i + 1));
    }
    double amount = number.value(exponent);
    if (amount == 0) {
      return new PriceResult.Unparseable("is zero");
    }
    return new PriceResult.Amount(amount, currency);
  }

  /** Reads a price sent as a JSON number. */
  public static PriceResult fromNumber(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return new PriceResult.Unparseable("is not a finite number");
    }
    if (value < 0) {
      return new PriceResult.Unparseable("is negative");
    }
    if (value == 0) {
      return new PriceResult.Unparseable("is zero");
    }
    return new PriceResult.Amount(value, null);
  }

  /** Per currency token: whether it ends with a letter (then it matches in any case and not inside a word). */
  private static final boolean[] ENDS_WITH_LETTER = new boolean[CURRENCIES.length];
  /** ASCII characters a currency token can start with, in either case; other ASCII characters start none. */
  private static final boolean[] ASCII_CURRENCY_START = new boolean[128];

  static {
    for (int c = 0; c < CURRENCIES.length; c++) {
      String token = CURRENCIES[c][0];
      ENDS_WITH_LETTER[c] = Character.isLetter(token.charAt(token.length() - 1));
      char first = token.charAt(0);
      if (first < 128) {
        ASCII_CURRENCY_START[Character.toLowerCase(first)] = true;
        ASCII_CURRENCY_START[Character.toUpperCase(first)] = true;
      }
    }
  }

  private static int matchCurrency(String text, int i) {
    if (i >= text.length()) {
      return -1;
    }
    char first = text.charAt(i);
    // Called at every token boundary, mostly on digits and suffixes: rule those out before comparing tokens.
    if (first < 128 && !ASCII_CURRENCY_START[first]) {
      return -1;
    }
    for (int c = 0; c < CURRENCIES.length; c++) {
      String token = CURRENCIES[c][0];
      boolean letters = ENDS_WITH_LETTER[c];
      if (text.regionMatches(letters, i, token, 0, token.length())
          && (!letters || !isLetterAt(text, i + token.length()))) {
        return c;
      }
    }
    return -1;
  }

  private static int matchMultiplier(String text, int i) {
    if (i >= text.length()) {
      return 0;
    }
    if (text.regionMatches(true, i, "Mio", 0, 3) && !isLetterAt(text, i + 3)) {
      return i + 3 < text.length() && text.charAt(i + 3) == '.' ? 4 : 3;
    }
    char c = text.charAt(i);
    if ((c == 'k' || c == 'K' || c == 'M') && !isLetterAt(text, i + 1)) {
      return 1;
    }
    return 0;
  }

  private static int matchSuffix(String text, int i) {
    for (String suffix : SUFFIXES) {
      if (text.startsWith(suffix, i) && !isLetterAt(text, i + suffix.length())) {
        return suffix.length();
      }
    }
    return -1;
  }

  private static int skipSpaces(String text, int i) {
    while (i < text.length() && DecimalScanner.isSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isLetterAt(String text, int i) {
    return i < text.length() && Character.isLetter(text.charAt(i));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isMinus(char c) {
    return c == '-' || c == '\u2212' || c == '–';
  }
}
