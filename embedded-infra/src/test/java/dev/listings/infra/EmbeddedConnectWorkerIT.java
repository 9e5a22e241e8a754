package dev.listings.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.connect.errors.NotFoundException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class EmbeddedConnectWorkerIT {
  @TempDir static Path dir;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void servesItsRestRootOnAFreePortWhenThePreferredOneIsBusy() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        EmbeddedConnectWorker worker = startWorker("rest", busy.getLocalPort())) {
      assertThat(worker.restUrl().getHost()).isEqualTo("localhost");
      assertThat(worker.restUrl().getPort()).isPositive().isNotEqualTo(busy.getLocalPort());

      HttpResponse<String> root =
          HttpClient.newHttpClient()
              .send(HttpRequest.newBuilder(worker.restUrl()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(root.statusCode()).isEqualTo(200);
      assertThat(root.body()).contains("\"version\":\"4.2.1\"").contains(broker.clusterId());
    }
  }

  @Test
  void runsAClasspathConnectorExactlyOnceAcrossAWorkerRestart() throws Exception {
    broker.createTopic("numbers", 1, Map.of());
    EmbeddedConnectWorker worker = startWorker("counting", 0);
    try {
      worker.createOrReplaceConnector("counter", countingConfig(50));
      assertThat(worker.connectorState("counter").running()).isTrue();
      assertThat(Records.committedValues(broker.bootstrapServers(), "numbers", 50)).hasSize(50);

      worker = worker.restart();
      assertThat(worker.awaitRunning("counter").tasks()).containsExactly("RUNNING"); // restored from Kafka
      worker.createOrReplaceConnector("counter", countingConfig(60));
      EmbeddedConnectWorker.ConnectorState state = worker.connectorState("counter");
      assertThat(state.connector()).isEqualTo("RUNNING");
      assertThat(state.tasks()).containsExactly("RUNNING");

      // Resumed after offset 50: each number once, none skipped.
      List<String> expected = IntStream.rangeClosed(1, 60).mapToObj(Integer::toString).toList();
      assertThat(Records.committedValues(broker.bootstrapServers(), "numbers", 60)).isEqualTo(expected);
    } finally {
      worker.close();
    }
  }

  @Test
  void leavesARunningConnectorAloneWhenItsConfigIsUnchanged() throws Exception {
    broker.createTopic("unchanged", 1, Map.of());
    Map<String, String> config = new java.util.HashMap<>(countingConfig(5));
    config.put("topic", "unchanged");
    try (EmbeddedConnectWorker worker = startWorker("unchanged", 0)) {
      worker.createOrReplaceConnector("same", config);
      assertThat(Records.committedValues(broker.bootstrapServers(), "unchanged", 5)).hasSize(5);
      worker.createOrReplaceConnector("same", config);
      assertThat(worker.connectorState("same").running()).isTrue();
      assertThat(Records.committedValues(broker.bootstrapServers(), "unchanged", 5)).hasSize(5);
    }
  }

  @Test
  void rejectsAnInvalidConnectorConfigAndKnowsNoSuchConnector() throws Exception {
    try (EmbeddedConnectWorker worker = startWorker("invalid", 0)) {
      Map<String, String> missingTopic =
          Map.of("connector.class", CountingSourceConnector.class.getName(), "count", "1");
      assertThatThrownBy(() -> worker.createOrReplaceConnector("broken", missingTopic))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("topic");
      assertThatThrownBy(() -> worker.connectorState("broken")).isInstanceOf(NotFoundException.class);
    }
  }

  /** Each test runs its own Connect cluster (group and storage topics) so that they cannot see each other. */
  private static EmbeddedConnectWorker startWorker(String name, int port) throws Exception {
    Map<String, String> cluster =
        Map.of(
            "group.id", "connect-" + name,
            "config.storage.topic", name + "-configs",
            "offset.storage.topic", name + "-offsets",
            "status.storage.topic", name + "-status");
    return EmbeddedConnectWorker.start(broker.bootstrapServers(), dir.resolve(name), port, cluster);
  }

  private static Map<String, String> countingConfig(int count) {
    return Map.of(
        "connector.class", CountingSourceConnector.class.getName(),
        "tasks.max", "1",
        "topic", "numbers",
        "count", Integer.toString(count),
        "exactly.once.support", "required",
        "value.converter", "org.apache.kafka.connect.storage.StringConverter");
  }
}
