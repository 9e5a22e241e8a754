package dev.listings.local.generate;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** Scraping dates in the formats the sources use; most are ISO dates. */
final class DateFormats {
  private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("dd.MM.uuuu");
  private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("dd/MM/uuuu");
  private static final DateTimeFormatter YEAR_FIRST = DateTimeFormatter.ofPattern("uuuu/MM/dd");

  private DateFormats() {}

  static String format(LocalDate date, int variant) {
    return switch (Math.floorMod(variant >> 4, 12)) {
      case 0 -> date.format(DOTTED);
      case 1 -> date.format(SLASHED);
      case 2 -> date.format(YEAR_FIRST);
      case 3 -> date + "T08:15:00Z";
      default -> date.toString();
    };
  }
}
