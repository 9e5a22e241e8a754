package dev.listings.alerting.rules;

import dev.listings.alerting.model.Severity;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Alert when more than {@code threshold} of a source's lines were rejected over the last {@code window}, once at
 * least {@code minLines} lines were judged in that window. The incident stays open until the ratio has been at or
 * below {@code resolveThreshold} (or the volume below {@code minLines}) for {@code resolveAfter}.
 *
 * @param name the rule's name, part of incident keys
 * @param prefixSegments how many leading folders of the object key (after the bucket) make a source
 * @param perReason one incident per source and primary reason (ratio = that reason's rejects / lines), instead of one
 *     per source (ratio = all rejects / lines)
 * @param reasons only these primary reasons count as rejects; empty = all
 */
public record RejectRatioRule(
    String name,
    int prefixSegments,
    boolean perReason,
    Set<String> reasons,
    Duration window,
    double threshold,
    double resolveThreshold,
    long minLines,
    Severity severity,
    Duration resolveAfter) {

  public RejectRatioRule {
    Objects.requireNonNull(name, "name");
    reasons = Set.copyOf(reasons);
    if (prefixSegments < 0) {
      throw new IllegalArgumentException(name + ": prefix-segments must be 0 or more");
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException(name + ": threshold must be a ratio in (0, 1), was " + threshold);
    }
    if (!(resolveThreshold >= 0 && resolveThreshold <= threshold)) {
      throw new IllegalArgumentException(
          name + ": resolve-threshold must be in [0, threshold], was " + resolveThreshold);
    }
    if (minLines < 1) {
      throw new IllegalArgumentException(name + ": min-lines must be at least 1");
    }
    if (window.isNegative() || window.isZero() || resolveAfter.isNegative()) {
      throw new IllegalArgumentException(name + ": window must be positive and resolve-after not negative");
    }
  }

  boolean counts(String reason) {
    return reasons.isEmpty() || reasons.contains(reason);
  }
}
