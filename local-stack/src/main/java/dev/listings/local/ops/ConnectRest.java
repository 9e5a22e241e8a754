package dev.listings.local.ops;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The few Kafka Connect REST calls a re-ingest needs: read a connector's config, create one, watch it, delete it. */
public final class ConnectRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public ConnectRest(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new OpsException("No Kafka Connect REST URL: give --connect-url (e.g. http://localhost:8083)");
    }
    this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
  }

  public URI base() {
    return base;
  }

  /** A connector's configuration, or empty when there is no such connector. */
  public Optional<Map<String, String>> config(String connector) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("connectors/" + encode(connector) + "/config"))
        .GET());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    check(response, "reading the configuration of connector " + connector);
    try {
      return Optional.of(JSON.readValue(response.body(), new TypeReference<Map<String, String>>() {}));
    } catch (IOException e) {
      throw new OpsException("Kafka Connect answered with something other than a configuration: " + e.getMessage());
    }
  }

  public boolean exists(String connector) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("connectors/" + encode(connector))).GET());
    if (response.statusCode() == 404) {
      return false;
    }
    check(response, "looking up connector " + connector);
    return true;
  }

  /** Creates (or updates) a connector with {@code PUT /connectors/<name>/config}. */
  public void put(String connector, Map<String, String> config) {
    try {
      HttpResponse<String> response = send(HttpRequest.newBuilder(uri("connectors/" + encode(connector) + "/config"))
          .header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))));
      check(response, "creating connector " + connector);
    } catch (IOException e) {
      throw new OpsException("Cannot write a connector configuration: " + e.getMessage(), e);
    }
  }

  /** The connector's and its tasks' states, e.g. {@code RUNNING}, {@code FAILED: <trace>}; empty when unknown. */
  public Optional<String> failure(String connector) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("connectors/" + encode(connector) + "/status"))
        .GET());
    if (response.statusCode() != 200) {
      return Optional.empty();
    }
    try {
      JsonNode status = JSON.readTree(response.body());
      if ("FAILED".equals(status.path("connector").path("state").asText())) {
        return Optional.of("connector failed: " + status.path("connector").path("trace").asText(""));
      }
      for (JsonNode task : status.path("tasks")) {
        if ("FAILED".equals(task.path("state").asText())) {
          return Optional.of("task " + task.path("id").asText() + " failed: " + task.path("trace").asText(""));
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public void delete(String connector) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("connectors/" + encode(connector))).DELETE());
    if (response.statusCode() != 404) {
      check(response, "deleting connector " + connector);
    }
  }

  private URI uri(String path) {
    return base.resolve(path);
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new OpsException("Kafka Connect at " + base + " cannot be reached: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpsException("Interrupted", e);
    }
  }

  private static void check(HttpResponse<String> response, String what) {
    if (response.statusCode() / 100 != 2) {
      throw new OpsException("Kafka Connect refused " + what + " (HTTP " + response.statusCode() + "): "
          + response.body());
    }
  }
}
