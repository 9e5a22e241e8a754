package dev.listings.cleaner.rules;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;

/**
 * Reads a scraping date into a real calendar date: ISO {@code YYYY-MM-DD}; ISO date-times with or without an offset
 * or zone ({@code 2021-02-17T10:15:30Z}, a space instead of the {@code T} is accepted), whose date is taken as written;
 * {@code DD.MM.YYYY}, {@code DD/MM/YYYY} and {@code YYYY/MM/DD} (day and month with one or two digits). Impossible
 * dates such as 2021-02-30 are refused. Returns null when the text is not such a date.
 */
public final class ScrapingDateParser {
  private ScrapingDateParser() {}

  public static LocalDate parse(String text) {
    String s = text.strip();
    try {
      if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
        return date(number(s, 0, 4), number(s, 5, 7), number(s, 8, 10));
      }
      if (s.length() > 10 && s.charAt(4) == '-' && (s.charAt(10) == 'T' || s.charAt(10) == ' ')) {
        return dateTime(s);
      }
      return dayMonthYear(s);
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  private static LocalDate dateTime(String s) {
    String iso = s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
    TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(iso);
    return LocalDate.from(parsed);
  }

  private static LocalDate dayMonthYear(String s) {
    char separator = s.indexOf('.') >= 0 ? '.' : '/';
    int first = s.indexOf(separator);
    int second = first < 0 ? -1 : s.indexOf(separator, first + 1);
    if (first < 0 || second < 0 || s.indexOf(separator, second + 1) >= 0) {
      return null;
    }
    if (separator == '/' && first == 4) {
      return date(number(s, 0, 4), shortNumber(s, 5, second), shortNumber(s, second + 1, s.length()));
    }
    if (s.length() - second - 1 != 4) {
      return null;
    }
    return date(number(s, second + 1, s.length()), shortNumber(s, first + 1, second), shortNumber(s, 0, first));
  }

  private static LocalDate date(int year, int month, int day) {
    return LocalDate.of(year, month, day);
  }

  /** One or two digits. */
  private static int shortNumber(String s, int from, int to) {
    if (to - from < 1 || to - from > 2) {
      throw new NumberFormatException("day or month must have one or two digits");
    }
    return number(s, from, to);
  }

  /** ASCII digits only (no sign), so "+1" or "1 " are not numbers. */
  private static int number(String s, int from, int to) {
    if (from >= to) {
      throw new NumberFormatException("empty");
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException("not a digit: " + c);
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Exposed for messages: the formats accepted, in words. */
  static String acceptedFormats() {
    return "YYYY-MM-DD, an ISO date-time, DD.MM.YYYY, DD/MM/YYYY or YYYY/MM/DD";
  }
}
