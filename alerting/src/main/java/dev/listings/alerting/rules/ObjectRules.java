package dev.listings.alerting.rules;

import dev.listings.alerting.model.Severity;
import java.time.Duration;

/**
 * Rules on single source objects, from the ingest audit and the ledger.
 *
 * @param failedEnabled alert on objects the audit reports as failed
 * @param unaccountedEnabled alert on objects whose lines are not all accounted for {@code unaccountedTimeout} after
 *     the audit
 * @param trackFor how long after its audit an object is watched; an incident still open then resolves as no longer
 *     tracked
 */
public record ObjectRules(
    boolean failedEnabled,
    Severity failedSeverity,
    boolean unaccountedEnabled,
    Duration unaccountedTimeout,
    Severity unaccountedSeverity,
    Duration trackFor) {

  public ObjectRules {
    if (unaccountedTimeout.isNegative() || trackFor.compareTo(unaccountedTimeout) <= 0) {
      throw new IllegalArgumentException(
          "objects: unaccounted-timeout must not be negative and track-for must be longer than it");
    }
  }
}
