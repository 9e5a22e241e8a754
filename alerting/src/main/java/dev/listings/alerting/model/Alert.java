package dev.listings.alerting.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One notification about an incident: it opened ({@link AlertStatus#FIRING}) or closed ({@link AlertStatus#RESOLVED}).
 * Both alerts of an incident share {@code incidentId} and {@code incidentKey}; the key names the condition (rule and
 * group, e.g. {@code reject-ratio/per-source/landing/partner-a}) and is stable across incidents, the id is unique per
 * incident.
 *
 * @param labels what the condition is about (source, reason, object, app, ...)
 * @param values the measurements behind it (ratio, counts, thresholds); numbers, strings or booleans
 * @param resolvedAt when the incident closed; null while firing
 * @param resolution why it closed (resolved alerts only), else null
 * @param at when this alert was emitted
 */
public record Alert(
    String incidentId,
    String incidentKey,
    AlertStatus status,
    AlertKind kind,
    String rule,
    Severity severity,
    String summary,
    Map<String, String> labels,
    Map<String, Object> values,
    Instant startedAt,
    Instant resolvedAt,
    String resolution,
    Instant at) {

  public Alert {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(incidentKey, "incidentKey");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(at, "at");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** Unique per alert: the incident id and the status. */
  public String alertId() {
    return incidentId + ":" + status.json();
  }

  public boolean firing() {
    return status == AlertStatus.FIRING;
  }
}
