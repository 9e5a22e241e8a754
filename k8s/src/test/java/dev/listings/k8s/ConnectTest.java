package dev.listings.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.ingest.S3ListingsSourceConnector;
import dev.listings.ingest.S3SourceConfig;
import dev.listings.k8s.render.Resource;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.runtime.SourceConnectorConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The connector configurations (Strimzi KafkaConnector, MSK Connect JSON) pass the connector's own validation, the
 * same one Connect runs when the connector is created, and the worker settings are real worker settings.
 */
class ConnectTest {
  static final List<String> OVERLAYS = Overlay.NAMES;
  static final Path MSK_CONNECT = Overlay.MODULE.resolve("connect/msk-connect");
  private static final List<String> CONNECTOR_PREFIXES = List.of("transforms.", "predicates.", "producer.override.",
      "consumer.override.", "admin.override.", "topic.creation.", "key.converter.", "value.converter.",
      "header.converter.");
  /** Strimzi sets these itself and ignores them in spec.config. */
  private static final List<String> STRIMZI_FORBIDDEN = List.of("ssl.", "sasl.", "security.", "listeners",
      "plugin.path", "rest.", "bootstrap.servers", "consumer.interceptor.classes", "producer.interceptor.classes");

  /** Problems Connect would report creating the connector with this configuration. */
  static List<String> connectorProblems(Map<String, String> config) {
    List<String> problems = new ArrayList<>();
    for (ConfigValue value : new S3ListingsSourceConnector().validate(config).configValues()) {
      value.errorMessages().forEach(m -> problems.add(value.name() + ": " + m));
    }
    Set<String> known = S3SourceConfig.CONFIG_DEF.names();
    Set<String> framework = SourceConnectorConfig.configDef().names();
    for (String key : config.keySet()) {
      if (!known.contains(key) && !framework.contains(key)
          && CONNECTOR_PREFIXES.stream().noneMatch(key::startsWith)) {
        problems.add(key + ": not a setting of the connector nor of Connect");
      }
    }
    return problems;
  }

  static Map<String, String> strimziConnectorConfig(Resource connector) {
    Map<String, String> config = new LinkedHashMap<>();
    Resource.map(connector.body(), "spec", "config").forEach((k, v) -> config.put(k, String.valueOf(v)));
    config.put("connector.class", Resource.string(connector.body(), "spec", "class"));
    config.put("tasks.max", Resource.string(connector.body(), "spec", "tasksMax"));
    config.put("name", connector.name());
    return config;
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void strimziConnectorPassesTheConnectorsValidation(String name) {
    Resource connector = Overlay.render(name).get("KafkaConnector", "s3-landing");

    assertThat(connectorProblems(strimziConnectorConfig(connector))).isEmpty();
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void strimziWorkerSettingsAreWorkerSettings(String name) {
    Overlay overlay = Overlay.render(name);
    Map<String, Object> spec = Resource.map(overlay.get("KafkaConnect", "listings-connect").body(), "spec");
    Map<String, String> worker = new HashMap<>();
    Resource.map(spec, "config").forEach((k, v) -> worker.put(k, String.valueOf(v)));

    assertThat(worker.keySet()).noneMatch(k -> STRIMZI_FORBIDDEN.stream().anyMatch(k::startsWith));
    assertThat(unknownWorkerSettings(worker, Resource.string(spec, "groupId"))).isEmpty();
    assertThat(worker).containsEntry("exactly.once.source.support", "enabled");
    assertThat(Resource.string(spec, "image"))
        .isEqualTo(Resource.maps(Overlay.podSpec(overlay.get("Job", "listings-topics")), "containers").get(0)
            .get("image"));
  }

  /** Worker keys DistributedConfig does not define (client settings by prefix are allowed). */
  static List<String> unknownWorkerSettings(Map<String, String> worker, String groupId) {
    Map<String, String> full = new HashMap<>(worker);
    full.putIfAbsent("bootstrap.servers", "b:9098");
    full.putIfAbsent("group.id", groupId);
    full.putIfAbsent("config.storage.topic", "c");
    full.putIfAbsent("offset.storage.topic", "o");
    full.putIfAbsent("status.storage.topic", "s");
    full.putIfAbsent("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    full.putIfAbsent("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    DistributedConfig config = new DistributedConfig(full);
    List<String> unknown = new ArrayList<>();
    for (String key : worker.keySet()) {
      if (!config.values().containsKey(key) && !key.startsWith("producer.") && !key.startsWith("consumer.")
          && !key.startsWith("admin.")) {
        unknown.add(key);
      }
    }
    return unknown;
  }

  @Test
  void mskConnectConnectorPassesTheConnectorsValidationWithIam() throws IOException {
    JsonNode json = new ObjectMapper().readTree(MSK_CONNECT.resolve("connector.json").toFile());
    Map<String, String> config = new LinkedHashMap<>();
    json.get("connectorConfiguration").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
    config.put("name", json.get("connectorName").asText());

    assertThat(connectorProblems(config)).isEmpty();
    assertThat(json.at("/kafkaClusterClientAuthentication/authenticationType").asText()).isEqualTo("IAM");
    assertThat(json.at("/kafkaClusterEncryptionInTransit/encryptionType").asText()).isEqualTo("TLS");
    assertThat(json.at("/kafkaCluster/apacheKafkaCluster/bootstrapServers").asText().split(","))
        .allMatch(b -> b.endsWith(":9098"));

    Properties worker = new Properties();
    try (Reader reader = Files.newBufferedReader(MSK_CONNECT.resolve("worker.properties"))) {
      worker.load(reader);
    }
    Map<String, String> workerSettings = new HashMap<>();
    worker.stringPropertyNames().forEach(k -> workerSettings.put(k, worker.getProperty(k)));
    assertThat(unknownWorkerSettings(workerSettings, "msk-connect")).isEmpty();
    assertThat(workerSettings).containsEntry("exactly.once.source.support", "enabled");
  }

  @Test
  void reportsABrokenConnectorConfiguration() {
    Map<String, String> config = strimziConnectorConfig(Overlay.render("prod").get("KafkaConnector", "s3-landing"));
    config.remove("s3.bucket");
    config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    config.put("s3.bukket", "landing");
    config.put("discovery.mode", "events");

    assertThat(String.join("\n", connectorProblems(config)))
        .contains("s3.bucket", "value.converter", "s3.bukket", "discovery.mode");
  }
}
