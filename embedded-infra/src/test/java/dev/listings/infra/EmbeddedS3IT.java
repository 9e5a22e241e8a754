package dev.listings.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

@Tag("integration")
class EmbeddedS3IT {
  @TempDir Path dir;

  @Test
  void storesReadsAndListsObjectsThroughTheAwsSdk() throws Exception {
    try (EmbeddedS3 s3 = EmbeddedS3.start(dir, 0);
        S3Client client = client(s3)) {
      s3.createBucket("landing");
      s3.createBucket("landing"); // already there: fine
      client.putObject(b -> b.bucket("landing").key("in/a.jsonl"), RequestBody.fromString("{\"id\":1}\n"));
      client.putObject(b -> b.bucket("landing").key("in/b.jsonl"), RequestBody.fromString("{\"id\":2}\n"));
      client.putObject(b -> b.bucket("landing").key("other/c.jsonl"), RequestBody.fromString("{}"));

      assertThat(client.getObjectAsBytes(b -> b.bucket("landing").key("in/a.jsonl")).asUtf8String())
          .isEqualTo("{\"id\":1}\n");
      assertThat(client.listObjectsV2(b -> b.bucket("landing").prefix("in/")).contents())
          .extracting(S3Object::key)
          .containsExactly("in/a.jsonl", "in/b.jsonl");
      assertThat(client.getObjectAsBytes(b -> b.bucket("landing").key("in/a.jsonl").range("bytes=2-3")).asUtf8String())
          .isEqualTo("id");
      assertThat(client.listBuckets().buckets()).extracting(b -> b.name()).contains("landing");
      assertThat(s3.endpoint().toString()).startsWith("http://localhost:");
      assertThat(s3.region()).isEqualTo("us-east-1");
    }
  }

  @Test
  void keepsObjectsInItsFolderAcrossARestart() throws Exception {
    try (EmbeddedS3 s3 = EmbeddedS3.start(dir, 0);
        S3Client client = client(s3)) {
      s3.createBucket("warehouse");
      client.putObject(b -> b.bucket("warehouse").key("t/data.txt"), RequestBody.fromString("kept"));
    }
    assertThat(Files.isDirectory(dir.resolve("warehouse"))).isTrue();
    try (EmbeddedS3 again = EmbeddedS3.start(dir, 0);
        S3Client client = client(again)) {
      assertThat(client.getObjectAsBytes(b -> b.bucket("warehouse").key("t/data.txt")).asUtf8String())
          .isEqualTo("kept");
    }
  }

  @Test
  void fallsBackToAFreePortWhenThePreferredOneIsBusy() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        EmbeddedS3 s3 = EmbeddedS3.start(dir, busy.getLocalPort());
        S3Client client = client(s3)) {
      assertThat(s3.endpoint().getPort()).isPositive().isNotEqualTo(busy.getLocalPort());
      s3.createBucket("b");
      assertThat(client.listBuckets().buckets()).hasSize(1);
    }
  }

  private static S3Client client(EmbeddedS3 s3) {
    return S3Client.builder()
        .endpointOverride(s3.endpoint())
        .forcePathStyle(true)
        .region(Region.of(s3.region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
