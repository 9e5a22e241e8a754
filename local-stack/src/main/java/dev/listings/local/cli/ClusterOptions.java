package dev.listings.local.cli;

import dev.listings.local.ops.Cluster;
import dev.listings.local.stack.Endpoints;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Options of the commands that work on a running cluster (the local stack's or a remote one, e.g. MSK): where it is
 * and the client settings to reach it. Defaults come from the local stack's {@code endpoints.json} when present.
 */
public final class ClusterOptions {
  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
      description = "Kafka bootstrap servers (default: from <state-dir>/endpoints.json when present, else "
          + Cluster.DEFAULT_BOOTSTRAP + ").")
  String bootstrapServers;

  @Option(names = "--command-config", paramLabel = "FILE",
      description = "Kafka client properties for every client the command creates, e.g. security.protocol=SASL_SSL "
          + "and the MSK IAM settings.")
  Path commandConfig;

  @Option(names = "--state-dir", defaultValue = ".pipeline", paramLabel = "DIR",
      description = "Local stack state folder whose endpoints.json gives the defaults (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(names = "--schema-registry-url", paramLabel = "URL",
      description = "Schema registry for the Avro topics (default: from endpoints.json when present, else "
          + "http://localhost:8081).")
  String schemaRegistryUrl;

  Cluster cluster() {
    return Cluster.resolve(bootstrapServers, commandConfig, stateDir).check();
  }

  Optional<Endpoints> endpoints() {
    return Cluster.localEndpoints(stateDir);
  }

  String registryUrl() {
    if (schemaRegistryUrl != null && !schemaRegistryUrl.isBlank()) {
      return schemaRegistryUrl;
    }
    return endpoints().map(Endpoints::schemaRegistryUrl).orElse("http://localhost:8081");
  }
}
