package dev.listings.alerting.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.alerting.model.Alert;
import dev.listings.alerting.model.AlertKind;
import dev.listings.alerting.model.AlertStatus;
import dev.listings.alerting.model.Severity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertJsonTest {
  static Alert resolvedAlert() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("ratio", 0.45);
    values.put("rejected", 90L);
    values.put("note", "text");
    return new Alert("3f1c", "reject-ratio/per-source/landing/partner-a", AlertStatus.RESOLVED,
        AlertKind.REJECT_RATIO, "per-source", Severity.WARNING, "Reject ratio 45.0% ...",
        Map.of("source", "landing/partner-a"), values, Instant.parse("2026-01-05T08:00:00Z"),
        Instant.parse("2026-01-05T08:12:05Z"), "ratio 2.0% at or below 16.0% (2 of 100 lines)",
        Instant.parse("2026-01-05T08:12:05Z"));
  }

  @Test
  void writesTheDocumentedFields() throws Exception {
    JsonNode json = new ObjectMapper().readTree(AlertJson.bytes(resolvedAlert()));

    assertThat(json.get("alert_id").asText()).isEqualTo("3f1c:resolved");
    assertThat(json.get("incident_id").asText()).isEqualTo("3f1c");
    assertThat(json.get("incident_key").asText()).isEqualTo("reject-ratio/per-source/landing/partner-a");
    assertThat(json.get("status").asText()).isEqualTo("resolved");
    assertThat(json.get("kind").asText()).isEqualTo("REJECT_RATIO");
    assertThat(json.get("severity").asText()).isEqualTo("warning");
    assertThat(json.get("labels").get("source").asText()).isEqualTo("landing/partner-a");
    assertThat(json.get("values").get("ratio").asDouble()).isEqualTo(0.45);
    assertThat(json.get("values").get("rejected").asLong()).isEqualTo(90);
    assertThat(json.get("started_at").asText()).isEqualTo("2026-01-05T08:00:00Z");
    assertThat(json.get("resolved_at").asText()).isEqualTo("2026-01-05T08:12:05Z");
    assertThat(json.get("resolution").asText()).startsWith("ratio 2.0%");
  }

  @Test
  void readsBackWhatItWrites() throws Exception {
    Alert alert = resolvedAlert();

    Alert read = AlertJson.parse(AlertJson.bytes(alert));

    assertThat(read).usingRecursiveComparison().ignoringFields("values").isEqualTo(alert);
    assertThat(read.values().get("ratio")).isEqualTo(0.45);
    assertThat(((Number) read.values().get("rejected")).longValue()).isEqualTo(90L);
    assertThat(read.values().get("note")).isEqualTo("text");
  }
}
