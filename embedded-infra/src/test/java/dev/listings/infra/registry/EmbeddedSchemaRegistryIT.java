package dev.listings.infra.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.infra.EmbeddedKafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry on a real broker: its schema topic, and schemas surviving a restart with the same ids. */
@Tag("integration")
class EmbeddedSchemaRegistryIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedKafkaBroker.start(dataDir, 0);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void keepsSchemasAndIdsAcrossARestart() throws Exception {
    int first;
    int second;
    try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0, "restart")) {
      first = post(registry, "/subjects/a-value/versions", TestSchemas.V1).get("id").asInt();
      second = post(registry, "/subjects/a-value/versions", TestSchemas.V2_WITH_DEFAULT).get("id").asInt();
      assertThat(post(registry, "/subjects/b-value/versions", TestSchemas.V1).get("id").asInt()).isEqualTo(first);
      put(registry, "/config/a-value", "{\"compatibility\":\"FULL\"}");
    }

    try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0, "restart")) {
      assertThat(get(registry, "/schemas/ids/" + first).get("schema").asText()).contains("\"name\":\"Listing\"");
      JsonNode found = post(registry, "/subjects/a-value", TestSchemas.V2_WITH_DEFAULT);
      assertThat(found.get("id").asInt()).isEqualTo(second);
      assertThat(found.get("version").asInt()).isEqualTo(2);
      assertThat(get(registry, "/subjects").toString()).isEqualTo("[\"a-value\",\"b-value\"]");
      assertThat(get(registry, "/config/a-value").get("compatibilityLevel").asText()).isEqualTo("FULL");
      int third = post(registry, "/subjects/c-value/versions", TestSchemas.V2_PRICE_AS_STRING).get("id").asInt();
      assertThat(third).isEqualTo(Math.max(first, second) + 1);
    }
  }

  @Test
  void storesChangesInACompactedSinglePartitionTopicInConfluentsFormat() throws Exception {
    try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0, "format")) {
      post(registry, "/subjects/f-value/versions", TestSchemas.V1);
    }

    var description = broker.admin().describeTopics(Set.of("format")).allTopicNames().get().get("format");
    assertThat(description.partitions()).hasSize(1);
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "format");
    ConfigEntry policy = broker.admin().describeConfigs(Set.of(resource)).all().get().get(resource)
        .get("cleanup.policy");
    assertThat(policy.value()).isEqualTo("compact");

    List<String> records = readAll("format");
    assertThat(records).containsExactly(
        "{\"keytype\":\"SCHEMA\",\"subject\":\"f-value\",\"version\":1,\"magic\":1} => "
            + "{\"subject\":\"f-value\",\"version\":1,\"id\":1,\"schema\":"
            + JSON.writeValueAsString(get0(TestSchemas.V1)) + ",\"deleted\":false}");
  }

  @Test
  void usesConfluentsDefaultTopicName() throws Exception {
    try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0)) {
      post(registry, "/subjects/d-value/versions", TestSchemas.V1);
    }
    assertThat(broker.admin().listTopics().names().get()).contains(EmbeddedSchemaRegistry.DEFAULT_TOPIC);
  }

  private static String get0(String schema) {
    return new org.apache.avro.Schema.Parser().parse(schema).toString();
  }

  private static List<String> readAll(String topic) {
    List<String> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(r.key() + " => " + r.value()));
      }
    }
    return records;
  }

  private static JsonNode post(EmbeddedSchemaRegistry registry, String path, String schema) throws Exception {
    return send(registry, "POST", path, JSON.writeValueAsString(Map.of("schema", schema)));
  }

  private static JsonNode put(EmbeddedSchemaRegistry registry, String path, String body) throws Exception {
    return send(registry, "PUT", path, body);
  }

  private static JsonNode get(EmbeddedSchemaRegistry registry, String path) throws Exception {
    return send(registry, "GET", path, null);
  }

  private static JsonNode send(EmbeddedSchemaRegistry registry, String method, String path, String body)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(registry.url() + path))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
