package dev.listings.schemas.registry;

import static dev.listings.schemas.registry.InMemorySchemaRegistryClientTest.V1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.schemas.registry.RecordingRegistryServer.Received;
import dev.listings.schemas.registry.RecordingRegistryServer.Reply;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA_JSON_STRING = quoted(V1.toString());

  @Test
  void registersWithConfluentsContentTypeBodyAndBasicAuth() throws Exception {
    try (var server = new RecordingRegistryServer(r -> new Reply(200, "{\"id\":7}"))) {
      var client = new RestSchemaRegistryClient(List.of(server.url()), "user:p@ss:word", Duration.ofSeconds(2),
          Duration.ofSeconds(5));

      assertThat(client.register("listings.curated.v1-value", V1)).isEqualTo(7);

      Received request = server.received.get(0);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/subjects/listings.curated.v1-value/versions");
      assertThat(request.header("Content-Type")).isEqualTo("application/vnd.schemaregistry.v1+json");
      assertThat(request.header("Authorization")).isEqualTo(
          "Basic " + Base64.getEncoder().encodeToString("user:p@ss:word".getBytes()));
      assertThat(JSON.readTree(request.body()).get("schema").asText()).isEqualTo(V1.toString());
    }
  }

  @Test
  void cachesIdsAndSchemasBothWays() throws Exception {
    try (var server = new RecordingRegistryServer(r -> r.path().startsWith("/schemas/ids/")
        ? new Reply(200, "{\"schema\":" + SCHEMA_JSON_STRING + "}")
        : new Reply(200, "{\"id\":3}"))) {
      var client = new RestSchemaRegistryClient(List.of(server.url()));

      int id = client.register("a-value", V1);
      assertThat(client.register("a-value", V1)).isEqualTo(id);
      assertThat(client.getById(id)).isSameAs(V1);
      assertThat(server.received).hasSize(1);

      assertThat(client.getById(4)).isEqualTo(V1);
      assertThat(client.getById(4)).isEqualTo(V1);
      assertThat(server.received).hasSize(2);
      assertThat(server.received.get(1).path()).isEqualTo("/schemas/ids/4");
    }
  }

  @Test
  void readsLatestVersionsLookupsAndCompatibility() throws Exception {
    String version = "{\"subject\":\"a-value\",\"version\":2,\"id\":5,\"schema\":" + SCHEMA_JSON_STRING + "}";
    try (var server = new RecordingRegistryServer(r -> switch (r.path()) {
      case "/subjects/a-value/versions/latest", "/subjects/a-value" -> new Reply(200, version);
      case "/compatibility/subjects/a-value/versions/latest" -> new Reply(200, "{\"is_compatible\":false}");
      case "/subjects" -> new Reply(200, "[\"b\",\"a-value\"]");
      default -> new Reply(404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
    })) {
      var client = new RestSchemaRegistryClient(List.of(server.url()));

      assertThat(client.getLatest("a-value")).isEqualTo(new RegisteredSchema("a-value", 5, 2, V1));
      assertThat(client.lookup("a-value", V1)).isEqualTo(new RegisteredSchema("a-value", 5, 2, V1));
      assertThat(client.testCompatibility("a-value", V1)).isFalse();
      assertThat(client.getAllSubjects()).containsExactly("a-value", "b");
    }
  }

  @Test
  void carriesTheRegistrysErrorCodeAndMessage() throws Exception {
    try (var server = new RecordingRegistryServer(
        r -> new Reply(404, "{\"error_code\":40401,\"message\":\"Subject 'x y' not found.\"}"))) {
      var client = new RestSchemaRegistryClient(List.of(server.url()));

      assertThatThrownBy(() -> client.getLatest("x y"))
          .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(404);
            assertThat(e.errorCode()).isEqualTo(40401);
            assertThat(e.isNotFound()).isTrue();
            assertThat(e.getMessage()).contains("Subject 'x y' not found.");
          });
      assertThat(server.received.get(0).path()).isEqualTo("/subjects/x%20y/versions/latest");
    }
  }

  @Test
  void reportsNonJsonErrorsWithTheirStatus() throws Exception {
    try (var server = new RecordingRegistryServer(r -> new Reply(502, "<html>bad gateway</html>"))) {
      var client = new RestSchemaRegistryClient(List.of(server.url()));

      assertThatThrownBy(() -> client.getById(1))
          .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(502);
            assertThat(e.getMessage()).contains("bad gateway");
          });
    }
  }

  @Test
  void triesTheNextUrlWhenOneCannotBeReached() throws Exception {
    String deadUrl;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadUrl = "http://localhost:" + socket.getLocalPort();
    }
    try (var server = new RecordingRegistryServer(r -> new Reply(200, "{\"id\":9}"))) {
      var client = new RestSchemaRegistryClient(List.of(deadUrl, server.url()));

      assertThat(client.register("a-value", V1)).isEqualTo(9);
      assertThat(server.received).hasSize(1);
    }
  }

  @Test
  void failsClearlyWhenNoUrlCanBeReached() throws Exception {
    String deadUrl;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadUrl = "http://localhost:" + socket.getLocalPort();
    }
    var client = new RestSchemaRegistryClient(List.of(deadUrl));

    assertThatThrownBy(() -> client.getById(1))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.NO_RESPONSE);
          assertThat(e.getMessage()).contains("No schema registry reachable", deadUrl);
        });
  }

  @Test
  void usesCredentialsFromTheUrl() throws Exception {
    try (var server = new RecordingRegistryServer(r -> new Reply(200, "{\"id\":1}"))) {
      String url = server.url().replace("http://", "http://reader:s%40cret@");
      new RestSchemaRegistryClient(List.of(url)).register("a-value", V1);

      assertThat(server.received.get(0).header("Authorization")).isEqualTo(
          "Basic " + Base64.getEncoder().encodeToString("reader:s@cret".getBytes()));
    }
  }

  private static String quoted(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
