package dev.listings.usecases.it;

import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.infra.registry.EmbeddedSchemaRegistry;
import dev.listings.schemas.Topics;
import dev.listings.usecases.StateDirs;
import dev.listings.usecases.topology.UseCaseTopology;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real Kafka broker and schema registry in the test JVM for the packaged application under test, which runs in its
 * own JVM and gets their addresses as configuration. The test reads them from {@link #bootstrapServers()} and {@link
 * #registryUrl()}.
 */
public class EmbeddedKafkaAndRegistry implements QuarkusTestResourceLifecycleManager {
  private static volatile String bootstrapServers;
  private static volatile String registryUrl;
  private static volatile int httpPort;

  private Path dataDir;
  private Path stateDir;
  private EmbeddedKafkaBroker broker;
  private EmbeddedSchemaRegistry registry;

  @Override
  public Map<String, String> start() {
    try {
      dataDir = Files.createTempDirectory("usecases-it-kafka-");
      stateDir = StateDirs.create();
      broker = EmbeddedKafkaBroker.start(dataDir, 0);
      registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    httpPort = freePort();
    bootstrapServers = broker.bootstrapServers();
    registryUrl = registry.url();
    broker.createTopic(Topics.CURATED, 2, Map.of());
    broker.createTopic(UseCaseTopology.PRICE_PER_SQM_TOPIC, 1, Map.of());
    broker.createTopic(UseCaseTopology.PRICE_CHANGES_TOPIC, 1, Map.of());
    broker.createTopic(UseCaseTopology.MARKET_ACTIVITY_TOPIC, 1, Map.of());
    return Map.of(
        "quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers(),
        "usecases.serde.schema-registry-url", registry.url(),
        "kafka-streams.state.dir", stateDir.toString(),
        "kafka-streams.replication.factor", "1",
        // a short grace, so that the test can send a record that arrives after its month closed
        "usecases.price-per-sqm.grace", "P1D",
        // a free port chosen here: Quarkus does not pass a random test port (0) on to RestAssured in this mode
        "quarkus.http.port", String.valueOf(httpPort));
  }

  public static String bootstrapServers() {
    return bootstrapServers;
  }

  public static int httpPort() {
    return httpPort;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String registryUrl() {
    return registryUrl;
  }

  @Override
  public void stop() {
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (stateDir != null) {
      StateDirs.delete(stateDir);
    }
    if (dataDir != null) {
      StateDirs.delete(dataDir);
    }
  }
}
