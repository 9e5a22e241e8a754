package dev.listings.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real SQS API (ElasticMQ) in this JVM, for S3 event notifications in the local stack and in tests. Queues live in
 * memory: they and their messages are gone after {@link #close()}. Requests are not authenticated, so any credentials
 * work; queue URLs point at {@link #endpoint()}.
 */
public final class EmbeddedSqs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSqs.class);
  public static final String REGION = "us-east-1";
  private static final String HOST = "localhost";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ActorSystem actors;
  private final SQSRestServer server;
  private final URI endpoint;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedSqs(ActorSystem actors, SQSRestServer server, int port) {
    this.actors = actors;
    this.server = server;
    this.endpoint = URI.create("http://" + HOST + ":" + port);
  }

  /** Serves the SQS API on {@code port} of localhost (0, or a busy port, means any free port). */
  public static EmbeddedSqs start(int port) throws IOException {
    int wanted = port > 0 && Ports.isFree(port) ? port : 0;
    try {
      return startOn(wanted);
    } catch (IOException e) {
      if (wanted == 0 || Ports.isFree(wanted)) {
        throw e;
      }
      LOG.warn("Port {} taken while starting SQS, using a free one", wanted);
      return startOn(0);
    }
  }

  private static EmbeddedSqs startOn(int port) throws IOException {
    ActorSystem actors = ActorSystem.create("elasticmq", pekkoConfig(), EmbeddedSqs.class.getClassLoader());
    try {
      SQSRestServer server =
          SQSRestServerBuilder.withActorSystem(actors)
              .withInterface(HOST)
              .withPort(port)
              .withAWSRegion(REGION)
              .start();
      int bound = server.waitUntilStarted().localAddress().getPort();
      EmbeddedSqs sqs = new EmbeddedSqs(actors, server, bound);
      LOG.info("SQS API up at {}", sqs.endpoint);
      return sqs;
    } catch (Exception e) { // Scala code may throw checked exceptions undeclared
      terminate(actors);
      throw new IOException("Cannot start ElasticMQ on port " + port + ": " + e.getMessage(), e);
    }
  }

  /** Pekko logs through SLF4J and leaves JVM shutdown to the host, which closes this server itself. */
  private static Config pekkoConfig() {
    Map<String, Object> settings =
        Map.of(
            "pekko.loggers", List.of("org.apache.pekko.event.slf4j.Slf4jLogger"),
            "pekko.logging-filter", "org.apache.pekko.event.slf4j.Slf4jLoggingFilter",
            "pekko.log-dead-letters", "off",
            "pekko.jvm-shutdown-hooks", "off",
            "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
    return ConfigFactory.parseMap(settings).withFallback(ConfigFactory.load(EmbeddedSqs.class.getClassLoader()));
  }

  /** {@code http://localhost:<port>}: the endpoint override for SQS clients. */
  public URI endpoint() {
    return endpoint;
  }

  public String region() {
    return REGION;
  }

  /** Creates a standard queue unless it exists, and returns its URL. */
  public String createQueue(String name) {
    String body = JSON.createObjectNode().put("QueueName", name).toString();
    HttpRequest request =
        HttpRequest.newBuilder(endpoint.resolve("/"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-amz-json-1.0")
            .header("X-Amz-Target", "AmazonSQS.CreateQueue")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = JSON.readTree(response.body());
      if (response.statusCode() != 200 || !json.hasNonNull("QueueUrl")) {
        throw new IllegalStateException(
            "Cannot create queue " + name + ": HTTP " + response.statusCode() + " " + response.body());
      }
      return json.get("QueueUrl").asText();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create queue " + name + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating queue " + name, e);
    }
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    try {
      server.stopAndWait();
    } catch (RuntimeException e) {
      LOG.warn("Stopping ElasticMQ failed", e);
    }
    terminate(actors);
    LOG.info("SQS API at {} stopped", endpoint);
  }

  private static void terminate(ActorSystem actors) {
    actors.terminate();
    try {
      actors.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("ElasticMQ actor system did not stop in time", e);
    }
  }
}
