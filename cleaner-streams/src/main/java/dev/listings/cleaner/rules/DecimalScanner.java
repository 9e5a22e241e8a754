package dev.listings.cleaner.rules;

/**
 * Reads one humanly typed decimal number from a position in a string, without regular expressions and without
 * allocating: digits with optional thousands separators (space, no-break space, narrow no-break space, thin space,
 * {@code '}, {@code ’}, {@code .} or {@code ,}) and an optional decimal part. A dot or comma followed by exactly three
 * digits is a thousands separator; otherwise, when digits follow, it is the decimal mark. Spaces and apostrophes only
 * group thousands. Scanning stops at the first character that cannot continue the number, which the caller reads on.
 */
final class DecimalScanner {
  /** More significant digits than this cannot be held exactly in a double. */
  static final int MAX_DIGITS = 15;

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
    1e19, 1e20, 1e21, 1e22
  };

  private final String text;
  private int position;
  private long mantissa;
  private int significantDigits;
  private int scale;
  private boolean decimalSeen;

  DecimalScanner(String text, int start) {
    this.text = text;
    this.position = start;
  }

  /** Scans from the start position, which must hold an ASCII digit. False when the number has too many digits. */
  boolean scan() {
    int length = text.length();
    while (position < length) {
      char c = text.charAt(position);
      if (c >= '0' && c <= '9') {
        if (!addDigit(c - '0')) {
          return false;
        }
        position++;
      } else if (isGroupingOnly(c)) {
        if (decimalSeen || !exactlyThreeDigitsAfter(position)) {
          return true;
        }
        position++;
      } else if (c == '.' || c == ',') {
        if (exactlyThreeDigitsAfter(position) && !decimalSeen) {
          position++;
        } else if (!decimalSeen && isDigit(position + 1)) {
          decimalSeen = true;
          position++;
        } else {
          return true;
        }
      } else {
        return true;
      }
    }
    return true;
  }

  /** Position of the first character after the number. */
  int end() {
    return position;
  }

  /** The number times ten to the power {@code exponent}, correctly rounded to a double. */
  double value(int exponent) {
    int exp = exponent - scale;
    if (exp >= 0) {
      return exp < POWERS_OF_TEN.length ? mantissa * POWERS_OF_TEN[exp] : mantissa * Math.pow(10, exp);
    }
    // Both operands are exact doubles (mantissa < 2^53, 10^k for k <= 22), so IEEE division rounds correctly.
    return -exp < POWERS_OF_TEN.length ? mantissa / POWERS_OF_TEN[-exp] : mantissa / Math.pow(10, -exp);
  }

  private boolean addDigit(int digit) {
    if (mantissa != 0 || digit != 0) {
      if (++significantDigits > MAX_DIGITS) {
        return false;
      }
    }
    mantissa = mantissa * 10 + digit;
    if (decimalSeen) {
      scale++;
    }
    return true;
  }

  private boolean exactlyThreeDigitsAfter(int separator) {
    return isDigit(separator + 1) && isDigit(separator + 2) && isDigit(separator + 3) && !isDigit(separator + 4);
  }

  private boolean isDigit(int index) {
    if (index >= text.length()) {
      return false;
    }
    char c = text.charAt(index);
    return c >= '0' && c <= '9';
  }

  static boolean isGroupingOnly(char c) {
    return c == ' ' || c == '\u00A0' || c == '\u202F' || c == '\u2009' || c == '\'' || c == '\u2019';
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\u00A0' || c == '\u202F' || c == '\u2009' || c == '\t';
  }
}
