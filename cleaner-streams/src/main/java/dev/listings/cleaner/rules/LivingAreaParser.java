package dev.listings.cleaner.rules;

/**
 * Reads a living area in square metres: a JSON number, or a numeric string with an optional unit {@code m2},
 * {@code m²} or {@code sqm} (any case, optional space), e.g. {@code "84 m²"}, {@code "84.5"}, {@code "1'200 sqm"}.
 * Numbers follow the same separator rules as prices. The area must be positive.
 */
public final class LivingAreaParser {
  private static final String[] UNITS = {"m2", "m²", "sqm"};

  /** An area, or why the value is not one ({@code why} completes "the living area ..."). */
  public record Result(double squareMeters, String why) {
    public boolean isValid() {
      return why == null;
    }

    static Result of(double squareMeters) {
      return new Result(squareMeters, null);
    }

    static Result invalid(String why) {
      return new Result(Double.NaN, why);
    }
  }

  private LivingAreaParser() {}

  public static Result fromNumber(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Result.invalid("is not a finite number");
    }
    return value > 0 ? Result.of(value) : Result.invalid("is not positive");
  }

  public static Result parse(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return Result.invalid("is empty");
    }
    char first = trimmed.charAt(0);
    if (first == '-' || first == '\u2212') {
      return Result.invalid("is not positive");
    }
    if (first < '0' || first > '9') {
      return Result.invalid("is not a number");
    }
    DecimalScanner number = new DecimalScanner(trimmed, 0);
    if (!number.scan()) {
      return Result.invalid("has too many digits");
    }
    int i = number.end();
    while (i < trimmed.length() && DecimalScanner.isSpace(trimmed.charAt(i))) {
      i++;
    }
    if (i < trimmed.length() && !isUnit(trimmed, i)) {
      return Result.invalid("has an unknown unit or text after the number");
    }
    return fromNumber(number.value(0));
  }

  private static boolean isUnit(String text, int i) {
    for (String unit : UNITS) {
      if (text.length() - i == unit.length() && text.regionMatches(true, i, unit, 0, unit.length())) {
        return true;
      }
    }
    return false;
  }
}
