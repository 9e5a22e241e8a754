package dev.listings.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.ingest.discovery.S3EventParser;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyBenchmarkTest {
  @Test
  void findsTheObjectOfAKeyAndOfALineage() {
    assertThat(LatencyBenchmark.indexOf("bench/latency/obj-0000042.jsonl")).isEqualTo(42);
    assertThat(LatencyBenchmark.indexOf("s3://landing/bench/latency/obj-0000007.jsonl#17")).isEqualTo(7);
    assertThat(LatencyBenchmark.indexOf("incoming/scraping_data.jsonl")).isEqualTo(-1);
  }

  @Test
  void theConnectorReadsTheAnnouncementTheFeederSends() {
    String body = LatencyBenchmark.notification("landing", "bench/latency/obj-0000001.jsonl", "abc123", 4096);

    S3EventParser.Parsed parsed = new S3EventParser().parse(body);

    assertThat(parsed.kind()).isNotEqualTo(S3EventParser.Kind.UNRECOGNIZED);
    assertThat(parsed.events()).singleElement().satisfies(event -> {
      assertThat(event.bucket()).isEqualTo("landing");
      assertThat(event.key()).isEqualTo("bench/latency/obj-0000001.jsonl");
      assertThat(event.etag()).isEqualTo("abc123");
      assertThat(event.size()).isEqualTo(4096);
      assertThat(event.created()).isTrue();
    });
  }

  @Test
  void feedsObjectsOnAFixedPeriod() {
    LatencyBenchmark.Settings settings = new LatencyBenchmark.Settings(
        5000, 500, Duration.ofSeconds(60), Duration.ofSeconds(10), LatencyBenchmark.Discovery.SQS, 42);

    assertThat(settings.objectsPerSecond()).isEqualTo(10.0);
    assertThat(settings.periodNanos()).isEqualTo(100_000_000L);
    assertThat(settings.warmupObjects()).isEqualTo(100);
    assertThat(settings.measuredObjects()).isEqualTo(600);
    assertThatThrownBy(() -> new LatencyBenchmark.Settings(
        5000, 500, Duration.ZERO, Duration.ZERO, LatencyBenchmark.Discovery.SQS, 42))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
