package dev.listings.local.cli;

import dev.listings.local.stack.StackOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that start the local stack. */
public final class StackOptionsMixin {
  @Option(
      names = "--kafka-port",
      defaultValue = "" + StackOptions.DEFAULT_KAFKA_PORT,
      description = "Kafka port (a busy port falls back to a free one; default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  @Option(
      names = "--registry-port",
      defaultValue = "" + StackOptions.DEFAULT_REGISTRY_PORT,
      description = "Schema registry port (default: ${DEFAULT-VALUE}).")
  int registryPort;

  @Option(
      names = "--connect-port",
      defaultValue = "" + StackOptions.DEFAULT_CONNECT_PORT,
      description = "Kafka Connect REST port (default: ${DEFAULT-VALUE}).")
  int connectPort;

  @Option(
      names = "--s3-port",
      defaultValue = "" + StackOptions.DEFAULT_S3_PORT,
      description = "S3 API port (default: ${DEFAULT-VALUE}).")
  int s3Port;

  @Option(
      names = "--partitions",
      defaultValue = "" + StackOptions.DEFAULT_PARTITIONS,
      description = "Partitions of the raw, curated, rejects and use-case topics (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--stall-timeout",
      defaultValue = "180",
      description = "Seconds without progress before giving up (default: ${DEFAULT-VALUE}).")
  int stallTimeoutSeconds;

  StackOptions toOptions(Path stateDir) {
    return new StackOptions(stateDir, kafkaPort, registryPort, connectPort, s3Port, partitions);
  }
}
