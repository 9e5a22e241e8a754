package dev.listings.alerting.rules;

import dev.listings.alerting.model.AlertKind;
import dev.listings.alerting.model.Severity;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A condition that holds now: the raw material of an incident. {@code key} identifies it across evaluations (the same
 * key in the next evaluation is the same incident).
 *
 * @param resolveAfter how long the condition must stay clear before its incident resolves
 */
public record Condition(
    String key,
    AlertKind kind,
    String rule,
    Severity severity,
    String summary,
    Map<String, String> labels,
    Map<String, Object> values,
    Duration resolveAfter) {

  public Condition {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(resolveAfter, "resolveAfter");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
