package dev.listings.infra.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP plumbing of the registry: decodes path segments and query parameters, reads the JSON body, writes the answer
 * as {@code application/vnd.schemaregistry.v1+json}, and turns refusals into Confluent's error answers (status +
 * {@code {"error_code":..,"message":..}}).
 */
final class RegistryHttpHandler implements HttpHandler {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);

  private final RegistryRoutes routes;

  RegistryHttpHandler(RegistryRoutes routes) {
    this.routes = routes;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int status = 200;
      byte[] answer;
      try {
        Object body = routes.handle(request(exchange));
        answer = body instanceof RegistryRoutes.RawJson raw
            ? raw.json().getBytes(StandardCharsets.UTF_8)
            : RegistryState.JSON.writeValueAsBytes(body);
      } catch (RegistryError e) {
        status = e.status;
        answer = error(e.errorCode, e.getMessage());
        if (e.status >= 500) {
          LOG.warn("Schema registry failed {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI(),
              e.getMessage(), e.getCause());
        }
      } catch (RuntimeException e) {
        LOG.warn("Schema registry failed {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
        status = 500;
        answer = error(50001, "Error in the schema registry: " + e);
      }
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(status, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    }
  }

  private static RegistryRoutes.Request request(HttpExchange exchange) throws IOException {
    List<String> path = new ArrayList<>();
    for (String segment : exchange.getRequestURI().getRawPath().split("/")) {
      if (!segment.isEmpty()) {
        path.add(decode(segment));
      }
    }
    Map<String, String> query = new HashMap<>();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        if (!pair.isEmpty()) {
          query.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "true" : decode(pair.substring(eq + 1)));
        }
      }
    }
    return new RegistryRoutes.Request(exchange.getRequestMethod().toUpperCase(), List.copyOf(path), query,
        body(exchange));
  }

  private static JsonNode body(HttpExchange exchange) throws IOException {
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readAllBytes();
    }
    if (bytes.length == 0) {
      return null;
    }
    try {
      return RegistryState.JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw RegistryError.badRequest("Request body is not JSON: " + e.getOriginalMessage());
    }
  }

  /** Percent-decoding of a path segment or query part; '+' stays '+' in paths as in URIs. */
  private static String decode(String raw) {
    return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static byte[] error(int errorCode, String message) {
    try {
      return RegistryState.JSON.writeValueAsBytes(
          RegistryState.JSON.createObjectNode().put("error_code", errorCode).put("message", message));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
