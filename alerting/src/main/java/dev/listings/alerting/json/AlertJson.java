package dev.listings.alerting.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.listings.alerting.model.Alert;
import dev.listings.alerting.model.AlertKind;
import dev.listings.alerting.model.AlertStatus;
import dev.listings.alerting.model.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The alert's JSON form, used on {@code pipeline.alerts.v1}, by the generic webhook and as the SNS message (field list
 * in the module README).
 */
public final class AlertJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertJson() {}

  public static ObjectNode tree(Alert alert) {
    ObjectNode json = JSON.createObjectNode();
    json.put("alert_id", alert.alertId());
    json.put("incident_id", alert.incidentId());
    json.put("incident_key", alert.incidentKey());
    json.put("status", alert.status().json());
    json.put("kind", alert.kind().name());
    json.put("rule", alert.rule());
    json.put("severity", alert.severity().json());
    json.put("summary", alert.summary());
    ObjectNode labels = json.putObject("labels");
    alert.labels().forEach(labels::put);
    json.set("values", JSON.valueToTree(alert.values()));
    json.put("started_at", alert.startedAt().toString());
    json.put("resolved_at", alert.resolvedAt() == null ? null : alert.resolvedAt().toString());
    json.put("resolution", alert.resolution());
    json.put("at", alert.at().toString());
    return json;
  }

  public static byte[] bytes(Alert alert) {
    try {
      return JSON.writeValueAsBytes(tree(alert));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
  }

  public static String text(Alert alert) {
    return tree(alert).toString();
  }

  /** Reads an alert back (from the alerts topic, or a receiver's record in tests). */
  public static Alert parse(byte[] value) throws InvalidInputException {
    try {
      JsonNode json = JSON.readTree(value);
      if (json == null || !json.isObject()) {
        throw new InvalidInputException("not a JSON object");
      }
      return new Alert(
          json.path("incident_id").asText(),
          json.path("incident_key").asText(),
          AlertStatus.parse(json.path("status").asText()),
          AlertKind.valueOf(json.path("kind").asText()),
          json.path("rule").asText(null),
          Severity.parse(json.path("severity").asText()),
          json.path("summary").asText(""),
          labels(json.path("labels")),
          values(json.path("values")),
          Instant.parse(json.path("started_at").asText()),
          json.hasNonNull("resolved_at") ? Instant.parse(json.get("resolved_at").asText()) : null,
          json.hasNonNull("resolution") ? json.get("resolution").asText() : null,
          Instant.parse(json.path("at").asText()));
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException("not an alert: " + e.getMessage(), e);
    }
  }

  private static Map<String, String> labels(JsonNode node) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      labels.put(field.getKey(), field.getValue().asText());
    }
    return labels;
  }

  private static Map<String, Object> values(JsonNode node) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      JsonNode value = field.getValue();
      values.put(field.getKey(), value.isNumber() ? value.numberValue()
          : value.isBoolean() ? (Object) value.booleanValue() : value.asText());
    }
    return values;
  }
}
