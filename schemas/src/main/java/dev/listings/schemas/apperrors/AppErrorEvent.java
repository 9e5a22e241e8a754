package dev.listings.schemas.apperrors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One error event an app publishes on {@code pipeline.app-errors.v1} for the alerting app: key = {@link #app()}, value
 * = {@link #toJson()}, {@code {"app", "kind", "message", "at", "instance", "details"}} as documented in the alerting
 * README. {@code app} and {@code kind} are required; the message is cut to {@value #MAX_MESSAGE_CHARS} characters so
 * that a long exception text never makes the record too large.
 *
 * @param kind one of {@link AppErrorKinds} (any upper-case word is accepted by the alerting)
 * @param instance the pod or host, null when unknown
 * @param details free-form context (thread, exception class, topic, offset, ...), not evaluated by the alerting
 */
public record AppErrorEvent(String app, String kind, String message, Instant at, String instance,
    Map<String, String> details) {
  public static final int MAX_MESSAGE_CHARS = 2000;
  private static final ObjectMapper JSON = new ObjectMapper();

  public AppErrorEvent {
    if (app == null || app.isBlank() || kind == null || kind.isBlank()) {
      throw new IllegalArgumentException("an app error event needs app and kind");
    }
    Objects.requireNonNull(at, "at");
    if (message != null && message.length() > MAX_MESSAGE_CHARS) {
      message = message.substring(0, MAX_MESSAGE_CHARS - 1) + "…";
    }
    Map<String, String> copy = new LinkedHashMap<>();
    if (details != null) {
      details.forEach((name, value) -> {
        if (name != null && value != null) {
          copy.put(name, value);
        }
      });
    }
    details = Collections.unmodifiableMap(copy);
  }

  /** The record key: the app's name, so one app's events stay in order. */
  public String key() {
    return app;
  }

  /** The record value, UTF-8 JSON. */
  public byte[] toJson() {
    ObjectNode json = JSON.createObjectNode();
    json.put("app", app);
    json.put("kind", kind);
    json.put("message", message);
    json.put("at", at.toString());
    json.put("instance", instance);
    ObjectNode detailsNode = json.putObject("details");
    details.forEach(detailsNode::put);
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code SimpleName: message} of an exception, the way the events and logs name one. */
  public static String describe(Throwable exception) {
    if (exception == null) {
      return null;
    }
    String message = exception.getMessage();
    return exception.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
  }

  /** The innermost cause of an exception (itself when it has none). */
  public static Throwable rootCause(Throwable exception) {
    Throwable cause = exception;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }
}
