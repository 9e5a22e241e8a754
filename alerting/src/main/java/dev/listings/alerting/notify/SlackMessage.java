package dev.listings.alerting.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.listings.alerting.model.Alert;
import dev.listings.alerting.model.Severity;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;

/**
 * An alert as a Slack incoming-webhook message: a one-line {@code text} (what notifications and Slack-compatible chats
 * without attachments show) and one colour-coded attachment with the labels and values as fields.
 */
final class SlackMessage {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String RESOLVED_COLOR = "#2eb67d";

  private SlackMessage() {}

  static ObjectNode tree(Alert alert) {
    ObjectNode message = JSON.createObjectNode();
    message.put("text", headline(alert));
    ObjectNode attachment = message.putArray("attachments").addObject();
    attachment.put("color", alert.firing() ? color(alert.severity()) : RESOLVED_COLOR);
    attachment.put("fallback", headline(alert));
    attachment.put("title", alert.kind().name() + " · " + alert.rule());
    attachment.put("text", alert.summary());
    ArrayNode fields = attachment.putArray("fields");
    for (Map.Entry<String, String> label : alert.labels().entrySet()) {
      field(fields, label.getKey(), label.getValue());
    }
    for (Map.Entry<String, Object> value : alert.values().entrySet()) {
      field(fields, value.getKey(), String.valueOf(value.getValue()));
    }
    field(fields, "started_at", alert.startedAt().toString());
    if (alert.resolvedAt() != null) {
      field(fields, "resolved_at", alert.resolvedAt().toString());
    }
    attachment.put("footer", "listings-alerting · incident " + alert.incidentId());
    attachment.put("ts", alert.at().getEpochSecond());
    return message;
  }

  static byte[] bytes(Alert alert) {
    try {
      return JSON.writeValueAsBytes(tree(alert));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
  }

  static String headline(Alert alert) {
    return String.format(Locale.ROOT, "[%s] %s %s", alert.status().name(),
        alert.severity().name(), alert.summary());
  }

  private static String color(Severity severity) {
    return switch (severity) {
      case CRITICAL -> "#e01e5a";
      case WARNING -> "#ecb22e";
      case INFO -> "#36c5f0";
    };
  }

  private static void field(ArrayNode fields, String title, String value) {
    ObjectNode field = fields.addObject();
    field.put("title", title);
    field.put("value", value);
    field.put("short", value.length() <= 40);
  }
}
