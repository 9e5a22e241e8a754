package dev.listings.alerting.rules;

import dev.listings.alerting.model.Alert;
import dev.listings.alerting.model.AlertStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns evaluations into incidents, so one incident yields one FIRING and one RESOLVED alert however often it is
 * evaluated. An incident opens when its condition first holds, and resolves only after its condition has stayed clear
 * for the condition's {@code resolveAfter} (a condition that returns within that time keeps the incident open and
 * alerts nothing). Incidents can be restored from earlier alerts, so a restart does not fire them again.
 */
public final class IncidentTracker {
  private final Map<String, Incident> open = new HashMap<>();

  /** Applies one evaluation at {@code now}; returns the alerts it produces, FIRING before RESOLVED. */
  public List<Alert> update(Instant now, Conditions conditions) {
    List<Alert> alerts = new ArrayList<>();
    Set<String> holding = new HashSet<>();
    for (Condition condition : conditions.active()) {
      holding.add(condition.key());
      Incident incident = open.get(condition.key());
      if (incident == null) {
        incident = new Incident(incidentId(condition.key(), now), now, condition);
        open.put(condition.key(), incident);
        alerts.add(firing(incident, now));
      } else {
        incident.last = condition;
        incident.clearSince = null;
        incident.note = null;
      }
    }
    Iterator<Map.Entry<String, Incident>> entries = open.entrySet().iterator();
    while (entries.hasNext()) {
      Map.Entry<String, Incident> entry = entries.next();
      if (holding.contains(entry.getKey())) {
        continue;
      }
      Incident incident = entry.getValue();
      String note = conditions.clearNote(entry.getKey());
      if (note != null) {
        incident.note = note;
      }
      if (incident.clearSince == null) {
        incident.clearSince = now;
      }
      if (!Duration.between(incident.clearSince, now).minus(incident.last.resolveAfter()).isNegative()) {
        entries.remove();
        alerts.add(resolved(incident, now));
      }
    }
    return alerts;
  }

  /**
   * Re-applies an alert written before a restart: a FIRING alert re-opens its incident (a later evaluation that finds
   * the condition still holding then alerts nothing), a RESOLVED alert closes it.
   */
  public void restore(Alert alert) {
    if (alert.status() == AlertStatus.FIRING) {
      Condition condition = new Condition(alert.incidentKey(), alert.kind(), alert.rule(), alert.severity(),
          alert.summary(), alert.labels(), alert.values(), Duration.ZERO);
      open.put(alert.incidentKey(), new Incident(alert.incidentId(), alert.startedAt(), condition));
    } else {
      Incident incident = open.get(alert.incidentKey());
      if (incident != null && incident.id.equals(alert.incidentId())) {
        open.remove(alert.incidentKey());
      }
    }
  }

  public boolean isOpen(String key) {
    return open.containsKey(key);
  }

  public int openCount() {
    return open.size();
  }

  private static Alert firing(Incident incident, Instant now) {
    Condition c = incident.last;
    return new Alert(incident.id, c.key(), AlertStatus.FIRING, c.kind(), c.rule(), c.severity(), c.summary(),
        c.labels(), c.values(), incident.openedAt, null, null, now);
  }

  private static Alert resolved(Incident incident, Instant now) {
    Condition c = incident.last;
    String resolution = incident.note != null ? incident.note : "condition cleared";
    return new Alert(incident.id, c.key(), AlertStatus.RESOLVED, c.kind(), c.rule(), c.severity(),
        c.summary() + "; resolved: " + resolution, c.labels(), c.values(), incident.openedAt, now, resolution,
        now);
  }

  /** Stable for a key and opening time, so a replayed evaluation names the incident the same way. */
  private static String incidentId(String key, Instant openedAt) {
    return UUID.nameUUIDFromBytes((key + "@" + openedAt.toEpochMilli()).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static final class Incident {
    final String id;
    final Instant openedAt;
    Condition last;
    Instant clearSince;
    String note;

    Incident(String id, Instant openedAt, Condition last) {
      this.id = id;
      this.openedAt = openedAt;
      this.last = last;
    }
  }
}
