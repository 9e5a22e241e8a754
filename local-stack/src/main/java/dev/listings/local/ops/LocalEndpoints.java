package dev.listings.local.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The endpoints a running local stack wrote to {@code <state dir>/endpoints.json}, read without starting anything. The
 * operations commands take their defaults from it, so they work against {@code ./pipeline demo --keep-running} with no
 * options and against any other cluster with explicit ones.
 */
public record LocalEndpoints(
    String kafkaBootstrapServers,
    String schemaRegistryUrl,
    String connectRestUrl,
    String s3Endpoint,
    String s3AccessKey,
    String s3SecretKey,
    String s3Region,
    String landingBucket) {

  public static final String FILE_NAME = "endpoints.json";

  /** The endpoints in {@code stateDir}, or empty when the file is absent. */
  public static Optional<LocalEndpoints> read(Path stateDir) {
    if (stateDir == null) {
      return Optional.empty();
    }
    Path file = stateDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode json = new ObjectMapper().readTree(file.toFile());
      return Optional.of(new LocalEndpoints(
          text(json, "kafkaBootstrapServers"),
          text(json, "schemaRegistryUrl"),
          text(json, "connectRestUrl"),
          text(json, "s3Endpoint"),
          text(json, "s3AccessKey"),
          text(json, "s3SecretKey"),
          text(json, "s3Region"),
          text(json, "landingBucket")));
    } catch (IOException e) {
      throw new OpsException(file + " is not a readable endpoints file: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode node = json.path(field);
    return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }
}
