package dev.listings.usecases.pricepersqm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MonthClosingTest {
  private static LocalDate day(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void monthStaysOpenUntilTheWatermarkReachesNextMonthPlusGrace() {
    Duration grace = Duration.ofDays(2);
    assertThat(MonthClosing.isLate(day("2023-03-15"), day("2023-04-02"), grace)).isFalse();
    assertThat(MonthClosing.isLate(day("2023-03-15"), day("2023-04-03"), grace)).isTrue();
  }

  @Test
  void recordOfTheWatermarkMonthIsNeverLate() {
    assertThat(MonthClosing.isLate(day("2023-12-01"), day("2023-12-31"), Duration.ZERO)).isFalse();
  }

  @Test
  void hugeGraceNeverOverflows() {
    assertThat(MonthClosing.isLate(day("2000-01-01"), day("2999-01-01"), Duration.ofDays(365L * 5000))).isFalse();
  }
}
