package dev.listings.usecases.pricepersqm;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * When a month's statistics stop taking records. Event time is the scraping date; the watermark is the latest scraping
 * date seen so far on the partition. A month closes once the watermark reaches the first day of the next month plus the
 * grace: with a grace of one day, March records are taken until a scraping date of April 2 has been seen.
 */
public final class MonthClosing {
  private MonthClosing() {}

  public static boolean isLate(LocalDate scrapingDate, LocalDate watermark, Duration grace) {
    long closesAt = closingInstant(YearMonth.from(scrapingDate), grace);
    long watermarkAt = watermark.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    return watermarkAt >= closesAt;
  }

  static long closingInstant(YearMonth month, Duration grace) {
    long nextMonthStart =
        month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    return saturatedAdd(nextMonthStart, grace.toMillis());
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
