package dev.listings.schemas.registry;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JSON over HTTP to a Confluent-compatible registry. Several base URLs are tried in turn: a URL that cannot be reached
 * (connection refused, timeout) hands over to the next and the last one that answered is tried first next time; an
 * HTTP error answer is the registry's verdict and is thrown at once with its {@code error_code} and message.
 */
final class RegistryHttp {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json";

  private final List<Endpoint> endpoints;
  private final AtomicInteger preferred = new AtomicInteger();
  private final HttpClient http;
  private final Duration readTimeout;
  private final ObjectMapper json;

  private record Endpoint(String base, String authorization) {}

  RegistryHttp(
      List<String> urls, String userInfo, Duration connectTimeout, Duration readTimeout, ObjectMapper json) {
    if (urls.isEmpty()) {
      throw new IllegalArgumentException("at least one registry URL is needed");
    }
    List<Endpoint> list = new ArrayList<>();
    for (String url : urls) {
      URI uri = URI.create(url.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("Not a registry URL: " + url);
      }
      String credentials = userInfo != null ? userInfo : uri.getUserInfo();
      String base = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
          + (uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", ""));
      list.add(new Endpoint(base, credentials == null ? null : basic(credentials)));
    }
    this.endpoints = List.copyOf(list);
    this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    this.readTimeout = readTimeout;
    this.json = json;
  }

  /** Percent-encodes one path segment (a subject name may hold any character). */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  List<String> baseUrls() {
    return endpoints.stream().map(Endpoint::base).toList();
  }

  JsonNode send(String method, String path, Object body) {
    byte[] payload = body == null ? null : writeJson(body);
    int first = preferred.get();
    IOException lastFailure = null;
    for (int i = 0; i < endpoints.size(); i++) {
      int index = (first + i) % endpoints.size();
      Endpoint endpoint = endpoints.get(index);
      try {
        HttpResponse<byte[]> response = http.send(request(endpoint, method, path, payload),
            HttpResponse.BodyHandlers.ofByteArray());
        preferred.set(index);
        return answer(method, endpoint.base() + path, response);
      } catch (IOException e) {
        lastFailure = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException(SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_RESPONSE,
            "Interrupted while calling the schema registry", e);
      }
    }
    throw new SchemaRegistryException(SchemaRegistryException.NO_RESPONSE, SchemaRegistryException.NO_RESPONSE,
        "No schema registry reachable for " + method + " " + path + " at " + baseUrls() + ": " + lastFailure,
        lastFailure);
  }

  private HttpRequest request(Endpoint endpoint, String method, String path, byte[] payload) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint.base() + path))
        .timeout(readTimeout)
        .header("Accept", ACCEPT)
        .method(method, payload == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(payload));
    if (payload != null) {
      builder.header("Content-Type", CONTENT_TYPE);
    }
    if (endpoint.authorization() != null) {
      builder.header("Authorization", endpoint.authorization());
    }
    return builder.build();
  }

  private JsonNode answer(String method, String url, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    JsonNode node = readJson(response.body());
    if (status >= 200 && status < 300) {
      if (node == null) {
        throw new SchemaRegistryException(status, status,
            "Schema registry answered " + method + " " + url + " with a body that is not JSON");
      }
      return node;
    }
    int errorCode = node != null && node.hasNonNull("error_code") ? node.get("error_code").asInt() : status;
    String message = node != null && node.hasNonNull("message")
        ? node.get("message").asText()
        : "HTTP " + status + " from " + method + " " + url + ": " + preview(response.body());
    throw new SchemaRegistryException(status, errorCode, message);
  }

  private JsonNode readJson(byte[] body) {
    try {
      return body.length == 0 ? null : json.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private byte[] writeJson(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot write request body as JSON", e);
    }
  }

  private static String preview(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  private static String basic(String userInfo) {
    return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }
}
