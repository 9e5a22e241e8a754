package dev.listings.local.stack;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The endpoints of a running local stack, as written to {@code endpoints.json} for other tools to use. */
public record Endpoints(
    String kafkaBootstrapServers,
    String schemaRegistryUrl,
    String connectRestUrl,
    String s3Endpoint,
    String s3AccessKey,
    String s3SecretKey,
    String s3Region,
    String landingBucket,
    String warehouse,
    String catalogUri) {

  public static final String FILE_NAME = "endpoints.json";

  public URI s3Uri() {
    return URI.create(s3Endpoint);
  }

  /**
   * The endpoints a running stack wrote to {@code <stateDir>/endpoints.json}, read without starting anything; empty
   * when there is no such file.
   *
   * @throws IllegalArgumentException when the file is not a readable endpoints file
   */
  public static Optional<Endpoints> readFrom(Path stateDir) {
    if (stateDir == null || !Files.isRegularFile(stateDir.resolve(FILE_NAME))) {
      return Optional.empty();
    }
    Path file = stateDir.resolve(FILE_NAME);
    try {
      return Optional.of(new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(file.toFile(), Endpoints.class));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not a readable endpoints file: " + e.getMessage(), e);
    }
  }

  public void writeTo(Path stateDir) throws IOException {
    Files.createDirectories(stateDir);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(stateDir.resolve(FILE_NAME).toFile(), this);
  }

  /** A human-readable block, printed when the stack starts. */
  public String describe() {
    return String.join(
        System.lineSeparator(),
        "  Kafka            " + kafkaBootstrapServers,
        "  Schema registry  " + schemaRegistryUrl,
        "  Kafka Connect    " + connectRestUrl,
        "  S3 API           " + s3Endpoint + "  (access key " + s3AccessKey + ", secret " + s3SecretKey
            + ", region " + s3Region + ")",
        "  Landing bucket   s3://" + landingBucket + "/",
        "  Tables           " + warehouse + "  (catalog " + catalogUri + ")");
  }
}
