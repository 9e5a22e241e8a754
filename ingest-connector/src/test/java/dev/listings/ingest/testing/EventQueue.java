package dev.listings.ingest.testing;

import dev.listings.infra.EmbeddedSqs;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS queue on an embedded SQS server (ElasticMQ), written to with the AWS SDK's SQS client as S3 or EventBridge
 * would, and the connector settings that read it.
 */
public final class EventQueue implements AutoCloseable {
  private static final List<QueueAttributeName> COUNTS = List.of(
      QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
      QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
      QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED);

  private final EmbeddedSqs server;
  private final SqsClient client;

  private EventQueue(EmbeddedSqs server) {
    this.server = server;
    this.client = SqsClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.of(server.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "localsecret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  public static EventQueue start() throws IOException {
    return new EventQueue(EmbeddedSqs.start(0));
  }

  /** Creates a queue and returns its URL. */
  public String create(String name) {
    return server.createQueue(name);
  }

  public void send(String queueUrl, String body) {
    client.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
  }

  /** Messages still in the queue: visible, received and not deleted (in flight), or delayed. */
  public int messagesLeft(String queueUrl) {
    Map<QueueAttributeName, String> attributes =
        client.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(COUNTS)).attributes();
    return COUNTS.stream().mapToInt(a -> Integer.parseInt(attributes.getOrDefault(a, "0"))).sum();
  }

  /** Waits until the queue holds no message, however received; fails after {@code timeout}. */
  public void awaitEmpty(String queueUrl, Duration timeout) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    int left;
    while ((left = messagesLeft(queueUrl)) > 0) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(left + " messages still in the queue after " + timeout);
      }
      Thread.sleep(200);
    }
  }

  /** The settings that switch a connector configuration to event mode on this queue. */
  public void eventMode(Map<String, String> connectorConfig, String queueUrl) {
    connectorConfig.put("discovery.mode", "sqs");
    connectorConfig.put("sqs.queue.url", queueUrl);
    connectorConfig.put("sqs.endpoint", server.endpoint().toString());
  }

  @Override
  public void close() {
    client.close();
    server.close();
  }
}
