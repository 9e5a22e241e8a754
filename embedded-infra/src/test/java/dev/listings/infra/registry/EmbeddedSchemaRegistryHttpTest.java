package dev.listings.infra.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST API as Confluent's clients see it, over the HTTP server with an in-memory log. */
class EmbeddedSchemaRegistryHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private EmbeddedSchemaRegistry registry;

  record Answer(int status, String contentType, JsonNode body, String text) {}

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.start(new InMemorySchemaLog(), 0);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void registersAndServesSchemasInConfluentShapes() throws Exception {
    Answer registered = call("POST", "/subjects/listings-value/versions", schemaBody(TestSchemas.V1));
    assertThat(registered.status()).isEqualTo(200);
    assertThat(registered.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(registered.text()).isEqualTo("{\"id\":1}");

    JsonNode latest = call("GET", "/subjects/listings-value/versions/latest", null).body();
    assertThat(latest.get("subject").asText()).isEqualTo("listings-value");
    assertThat(latest.get("version").asInt()).isEqualTo(1);
    assertThat(latest.get("id").asInt()).isEqualTo(1);
    assertThat(latest.has("schemaType")).isFalse();
    String canonical = latest.get("schema").asText();
    assertThat(canonical).doesNotContain("\n", " ");

    assertThat(call("GET", "/schemas/ids/1", null).body()).isEqualTo(JSON.createObjectNode().put("schema", canonical));
    assertThat(call("GET", "/schemas/ids/1/schema", null).text()).isEqualTo(canonical);
    assertThat(call("GET", "/subjects/listings-value/versions/1/schema", null).text()).isEqualTo(canonical);
    assertThat(call("GET", "/schemas/ids/1/versions", null).text())
        .isEqualTo("[{\"subject\":\"listings-value\",\"version\":1}]");
    assertThat(call("GET", "/schemas/ids/1/subjects", null).text()).isEqualTo("[\"listings-value\"]");
    assertThat(call("GET", "/subjects", null).text()).isEqualTo("[\"listings-value\"]");
    assertThat(call("GET", "/subjects/listings-value/versions", null).text()).isEqualTo("[1]");

    JsonNode found = call("POST", "/subjects/listings-value", schemaBody(TestSchemas.V1_OTHER_WHITESPACE)).body();
    assertThat(found.get("id").asInt()).isEqualTo(1);
    assertThat(found.get("version").asInt()).isEqualTo(1);
  }

  @Test
  void answersErrorsWithConfluentCodes() throws Exception {
    assertError(call("GET", "/subjects/nope/versions", null), 404, 40401, "Subject 'nope' not found.");
    assertError(call("GET", "/schemas/ids/42", null), 404, 40403, "Schema 42 not found");
    call("POST", "/subjects/s-value/versions", schemaBody(TestSchemas.V1));
    assertError(call("GET", "/subjects/s-value/versions/7", null), 404, 40402, "Version 7 not found.");
    assertError(call("GET", "/subjects/s-value/versions/zero", null), 422, 42202, null);
    assertError(call("POST", "/subjects/s-value", schemaBody(TestSchemas.V2_WITH_DEFAULT)), 404, 40403, null);
    assertError(call("POST", "/subjects/s-value/versions", schemaBody("{\"type\":\"nonsense\"}")), 422, 42201, null);
    assertError(call("POST", "/subjects/s-value/versions",
        Map.of("schema", "{}", "schemaType", "PROTOBUF")), 422, 42201, null);
    assertError(call("POST", "/subjects/s-value/versions", "not json"), 400, 400, null);
    assertError(call("GET", "/nowhere", null), 404, 404, null);

    Answer incompatible = call("POST", "/subjects/s-value/versions", schemaBody(TestSchemas.V2_REQUIRED_FIELD));
    assertError(incompatible, 409, 409, null);
    assertThat(incompatible.body().get("message").asText()).startsWith(
        "Schema being registered is incompatible with an earlier schema for subject \"s-value\"");
  }

  @Test
  void checksCompatibilityWithTheSubjectsLevel() throws Exception {
    call("POST", "/subjects/c-value/versions", schemaBody(TestSchemas.V1));

    assertThat(call("POST", "/compatibility/subjects/c-value/versions/latest",
        schemaBody(TestSchemas.V2_WITH_DEFAULT)).text()).isEqualTo("{\"is_compatible\":true}");
    JsonNode refused = call("POST", "/compatibility/subjects/c-value/versions/latest?verbose=true",
        schemaBody(TestSchemas.V2_REQUIRED_FIELD)).body();
    assertThat(refused.get("is_compatible").asBoolean()).isFalse();
    assertThat(refused.get("messages").toString()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    assertThat(call("POST", "/compatibility/subjects/fresh-value/versions/latest",
        schemaBody(TestSchemas.V1)).text()).isEqualTo("{\"is_compatible\":true}");
  }

  @Test
  void readsAndWritesCompatibilityConfiguration() throws Exception {
    assertThat(call("GET", "/config", null).text()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
    assertError(call("GET", "/config/c-value", null), 404, 40408, null);
    assertThat(call("GET", "/config/c-value?defaultToGlobal=true", null).text())
        .isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");

    assertThat(call("PUT", "/config/c-value", Map.of("compatibility", "full_transitive")).text())
        .isEqualTo("{\"compatibility\":\"FULL_TRANSITIVE\"}");
    assertThat(call("GET", "/config/c-value", null).text())
        .isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");
    assertError(call("PUT", "/config", Map.of("compatibility", "SOMETIMES")), 422, 42203, null);
    assertThat(call("DELETE", "/config/c-value", null).text())
        .isEqualTo("{\"compatibilityLevel\":\"FULL_TRANSITIVE\"}");

    call("POST", "/subjects/c-value/versions", schemaBody(TestSchemas.V1));
    call("PUT", "/config", Map.of("compatibility", "NONE"));
    assertThat(call("POST", "/subjects/c-value/versions", schemaBody(TestSchemas.V2_PRICE_AS_STRING)).status())
        .isEqualTo(200);
  }

  @Test
  void listsSchemasAndSubjectsByPrefix() throws Exception {
    call("POST", "/subjects/a-value/versions", schemaBody(TestSchemas.V1));
    call("POST", "/subjects/a-value/versions", schemaBody(TestSchemas.V2_WITH_DEFAULT));
    call("POST", "/subjects/b-value/versions", schemaBody(TestSchemas.V1));

    assertThat(call("GET", "/subjects?subjectPrefix=a", null).text()).isEqualTo("[\"a-value\"]");
    JsonNode all = call("GET", "/schemas", null).body();
    assertThat(all).hasSize(3);
    assertThat(all.get(1).get("version").asInt()).isEqualTo(2);
    JsonNode latest = call("GET", "/schemas?subjectPrefix=a&latestOnly=true", null).body();
    assertThat(latest).hasSize(1);
    assertThat(latest.get(0).get("id").asInt()).isEqualTo(2);
  }

  @Test
  void servesRootModeAndSchemaTypes() throws Exception {
    assertThat(call("GET", "/", null).text()).isEqualTo("{}");
    assertThat(call("GET", "/mode", null).text()).isEqualTo("{\"mode\":\"READWRITE\"}");
    assertThat(call("GET", "/schemas/types", null).text()).isEqualTo("[\"AVRO\"]");
  }

  @Test
  void decodesSubjectNamesWithReservedCharacters() throws Exception {
    call("POST", "/subjects/a%2Fb%20c%2Bd-value/versions", schemaBody(TestSchemas.V1));

    assertThat(call("GET", "/subjects", null).text()).isEqualTo("[\"a/b c+d-value\"]");
    assertThat(call("GET", "/subjects/a%2Fb%20c%2Bd-value/versions/1", null).status()).isEqualTo(200);
  }

  @Test
  void softDeletesSubjectsThroughTheApi() throws Exception {
    call("POST", "/subjects/d-value/versions", schemaBody(TestSchemas.V1));

    assertThat(call("DELETE", "/subjects/d-value", null).text()).isEqualTo("[1]");
    assertThat(call("GET", "/subjects", null).text()).isEqualTo("[]");
    assertThat(call("GET", "/subjects?deleted=true", null).text()).isEqualTo("[\"d-value\"]");
    assertThat(call("GET", "/schemas/ids/1", null).status()).isEqualTo(200);
    assertThat(call("DELETE", "/subjects/d-value?permanent=true", null).text()).isEqualTo("[1]");
    assertError(call("GET", "/schemas/ids/1", null), 404, 40403, null);
  }

  @Test
  void takesAFreePortWhenTheRequestedOneIsBusy() throws IOException {
    try (ServerSocket busy = new ServerSocket(0);
        EmbeddedSchemaRegistry other = EmbeddedSchemaRegistry.start(new InMemorySchemaLog(), busy.getLocalPort())) {
      assertThat(other.port()).isNotEqualTo(busy.getLocalPort()).isPositive();
      assertThat(other.url()).isEqualTo("http://localhost:" + other.port());
    }
  }

  private static Map<String, String> schemaBody(String schema) {
    return Map.of("schema", schema);
  }

  private static void assertError(Answer answer, int status, int errorCode, String message) {
    assertThat(answer.status()).as(answer.text()).isEqualTo(status);
    assertThat(answer.body().get("error_code").asInt()).isEqualTo(errorCode);
    if (message != null) {
      assertThat(answer.body().get("message").asText()).isEqualTo(message);
    }
  }

  private Answer call(String method, String path, Object body) throws Exception {
    String payload = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
    HttpRequest request = HttpRequest.newBuilder(URI.create(registry.url() + path))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(payload))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
    return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), json,
        response.body());
  }
}
