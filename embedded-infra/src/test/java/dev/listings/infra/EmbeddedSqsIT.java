package dev.listings.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

@Tag("integration")
class EmbeddedSqsIT {
  @Test
  void deliversMessagesThroughTheAwsSdk() throws Exception {
    try (EmbeddedSqs sqs = EmbeddedSqs.start(0);
        SqsClient client = client(sqs)) {
      String url = sqs.createQueue("landing-events");
      assertThat(sqs.createQueue("landing-events")).isEqualTo(url); // already there: same queue
      assertThat(url).startsWith(sqs.endpoint().toString()).endsWith("/landing-events");

      client.sendMessage(b -> b.queueUrl(url).messageBody("{\"Records\":[]}"));
      var received = client.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2).maxNumberOfMessages(10));
      assertThat(received.messages()).extracting(Message::body).containsExactly("{\"Records\":[]}");
      client.deleteMessage(b -> b.queueUrl(url).receiptHandle(received.messages().get(0).receiptHandle()));
      assertThat(client.getQueueUrl(b -> b.queueName("landing-events")).queueUrl()).isEqualTo(url);
    }
  }

  @Test
  void fallsBackToAFreePortWhenThePreferredOneIsBusyAndCanRunTwice() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        EmbeddedSqs first = EmbeddedSqs.start(busy.getLocalPort());
        EmbeddedSqs second = EmbeddedSqs.start(0);
        SqsClient client = client(first)) {
      assertThat(first.endpoint().getPort()).isNotEqualTo(busy.getLocalPort());
      assertThat(second.endpoint()).isNotEqualTo(first.endpoint());
      String url = first.createQueue("q");
      assertThat(url).contains(":" + first.endpoint().getPort() + "/");
      assertThat(client.listQueues().queueUrls()).containsExactly(url);
    }
  }

  private static SqsClient client(EmbeddedSqs sqs) {
    return SqsClient.builder()
        .endpointOverride(sqs.endpoint())
        .region(Region.of(sqs.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "localsecret")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
