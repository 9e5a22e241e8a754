package dev.listings.alerting.notify;

import dev.listings.alerting.json.AlertJson;
import dev.listings.alerting.model.Alert;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Publishes each alert to an SNS topic (AWS SDK v2): the message is the alert JSON, the subject a one-line headline,
 * and {@code severity}, {@code status} and {@code kind} are message attributes so subscriptions can filter on them.
 * The SDK's own retries are off; the {@link DeliveryWorker} retries what the SDK marks retryable (throttling, 5xx,
 * I/O errors).
 */
public final class SnsNotifier implements Notifier {
  private static final int SUBJECT_MAX = 100;

  private final SnsClient client;
  private final String topicArn;

  public SnsNotifier(SnsClient client, String topicArn) {
    this.client = client;
    this.topicArn = topicArn;
  }

  /**
   * A client on the URLConnection HTTP client. {@code endpoint} overrides the regional endpoint (a local SNS-compatible
   * server, a VPC endpoint); without keys the SDK's default credentials chain is used (IRSA on EKS, env, profile).
   */
  public static SnsClient client(Region region, URI endpoint, String accessKey, String secretKey, Duration timeout) {
    SnsClientBuilder builder = SnsClient.builder()
        .region(region)
        .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout))
        .overrideConfiguration(override -> override
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(timeout.multipliedBy(2)))
        .credentialsProvider(credentials(accessKey, secretKey));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  @Override
  public String name() {
    return "sns";
  }

  @Override
  public DeliveryResult deliver(Alert alert) {
    PublishRequest request = PublishRequest.builder()
        .topicArn(topicArn)
        .subject(subject(alert))
        .message(AlertJson.text(alert))
        .messageAttributes(Map.of(
            "severity", attribute(alert.severity().json()),
            "status", attribute(alert.status().json()),
            "kind", attribute(alert.kind().name())))
        .build();
    try {
      client.publish(request);
      return DeliveryResult.delivered();
    } catch (SdkServiceException e) {
      String detail = "SNS " + e.statusCode() + ": " + e.getMessage();
      return e.retryable() || e.isThrottlingException() || e.statusCode() >= 500
          ? DeliveryResult.retryable(detail) : DeliveryResult.failed(detail);
    } catch (SdkClientException e) {
      // Timeouts and I/O failures are worth retrying; missing credentials or a bad endpoint are not.
      return e.retryable() || e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
          || causedByIo(e) ? DeliveryResult.retryable(e.getMessage()) : DeliveryResult.failed(e.getMessage());
    } catch (SdkException e) {
      return e.retryable() ? DeliveryResult.retryable(e.getMessage()) : DeliveryResult.failed(e.getMessage());
    }
  }

  @Override
  public void close() {
    client.close();
  }

  /** SNS subjects: printable ASCII, no line breaks, at most 100 characters. */
  static String subject(Alert alert) {
    String text = "[" + alert.status().name() + "] " + alert.severity().name() + " " + alert.kind().name() + " "
        + alert.rule();
    String ascii = text.replaceAll("[^\\x20-\\x7E]", "?");
    return ascii.length() <= SUBJECT_MAX ? ascii : ascii.substring(0, SUBJECT_MAX);
  }

  private static boolean causedByIo(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static MessageAttributeValue attribute(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  private static AwsCredentialsProvider credentials(String accessKey, String secretKey) {
    if (accessKey != null && secretKey != null) {
      return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
