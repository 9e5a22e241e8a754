package dev.listings.alerting.model;

import java.util.Locale;

/** An incident produces exactly one {@link #FIRING} alert when it opens and one {@link #RESOLVED} when it closes. */
public enum AlertStatus {
  FIRING,
  RESOLVED;

  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static AlertStatus parse(String text) {
    return valueOf(text.strip().toUpperCase(Locale.ROOT));
  }
}
