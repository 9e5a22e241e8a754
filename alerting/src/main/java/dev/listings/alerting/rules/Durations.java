package dev.listings.alerting.rules;

import java.time.Duration;
import java.util.Locale;

/** Durations as people write them in configuration: {@code 10m}, {@code 1h30m}, {@code 45s}. */
final class Durations {
  private Durations() {}

  static String human(Duration duration) {
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
