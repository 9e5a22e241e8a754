package dev.listings.alerting.model;

import java.util.Locale;

/** How urgent an alert is; notifiers can be limited to a minimum severity. Written in lower case in JSON. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL;

  /** Parses {@code info}, {@code warning} or {@code critical}, in any case. */
  public static Severity parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown severity '" + text + "' (info, warning or critical)", e);
    }
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }
}
