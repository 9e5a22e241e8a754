package dev.listings.ingest.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.ingest.read.UnreadableObjectException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class RetriesTest {
  @Test
  void retriesNetworkErrorsThrottlingAndServerErrorsOnly() {
    assertThat(Retries.isRetryable(new IOException("connection reset"))).isTrue();
    assertThat(Retries.isRetryable(SdkClientException.create("Unable to execute", new SocketTimeoutException()))).isTrue();
    assertThat(Retries.isRetryable(s3(503))).isTrue();
    assertThat(Retries.isRetryable(s3(429))).isTrue();

    assertThat(Retries.isRetryable(s3(403))).isFalse();
    assertThat(Retries.isRetryable(s3(400))).isFalse();
    assertThat(Retries.isRetryable(new UnreadableObjectException("damaged"))).isFalse();
    assertThat(Retries.isRetryable(new IllegalStateException())).isFalse();
  }

  @Test
  void doublesTheBackoffUpToItsCapAndCountsAttempts() {
    Retries retries = new Retries(3, Duration.ofMillis(100), Duration.ofMillis(350));
    assertThat(retries.delay(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(retries.delay(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(retries.delay(3)).isEqualTo(Duration.ofMillis(350));
    assertThat(retries.delay(80)).isEqualTo(Duration.ofMillis(350));
    assertThat(retries.allows(3)).isTrue();
    assertThat(retries.allows(4)).isFalse();
  }

  private static S3Exception s3(int status) {
    return (S3Exception) S3Exception.builder().statusCode(status).message("status " + status).build();
  }
}
