package dev.listings.ingest.aws;

import dev.listings.ingest.S3SourceConfig;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The default client factories. Credentials come from the SDK's default chain (environment, web identity for IRSA on
 * EKS, profile, container and instance roles) unless static keys are configured for a local store; the region from
 * the configuration or else the SDK's default region chain. Both clients use the URLConnection HTTP client, the only
 * one packaged with the plugin.
 */
public final class AwsClients {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

  private AwsClients() {}

  public static S3ClientFactory s3() {
    return AwsClients::createS3;
  }

  public static SqsClientFactory sqs() {
    return AwsClients::createSqs;
  }

  static S3Client createS3(S3SourceConfig config) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(httpClient())
            .credentialsProvider(credentials(config))
            .forcePathStyle(config.pathStyleAccess());
    config.region().map(Region::of).ifPresent(builder::region);
    config.s3Endpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  static SqsClient createSqs(S3SourceConfig config) {
    SqsClientBuilder builder = SqsClient.builder().httpClientBuilder(httpClient()).credentialsProvider(credentials(config));
    config.region().map(Region::of).ifPresent(builder::region);
    config.sqsEndpoint().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  static AwsCredentialsProvider credentials(S3SourceConfig config) {
    if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(config.accessKeyId().get(), config.secretAccessKey().get()));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private static UrlConnectionHttpClient.Builder httpClient() {
    return UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(SOCKET_TIMEOUT);
  }
}
