package dev.listings.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.ingest.config.DiscoveryMode;
import dev.listings.ingest.read.SourceFormat;
import dev.listings.schemas.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class S3SourceConfigTest {
  @Test
  void needsOnlyTheBucketAndDefaultsTheRest() {
    S3SourceConfig config = new S3SourceConfig(Map.of("s3.bucket", "landing"));

    assertThat(config.bucket()).isEqualTo("landing");
    assertThat(config.prefixes()).containsExactly("");
    assertThat(config.discoveryMode()).isEqualTo(DiscoveryMode.LISTING);
    assertThat(config.defaultFormat()).isEqualTo(SourceFormat.JSONL);
    assertThat(config.lineMaxBytes()).isEqualTo(1024 * 1024);
    assertThat(config.topic()).isEqualTo(Topics.RAW);
    assertThat(config.auditTopic()).isEqualTo(Topics.INGEST_AUDIT);
    assertThat(config.s3Endpoint()).isEmpty();
    assertThat(config.region()).isEmpty();
    assertThat(config.accessKeyId()).isEmpty();
    assertThat(config.excludePattern()).isEmpty();
    assertThat(config.csvSeparator()).isEqualTo(',');
  }

  @Test
  void documentsAndValidatesEveryKey() {
    for (ConfigDef.ConfigKey key : S3SourceConfig.CONFIG_DEF.configKeys().values()) {
      assertThat(key.documentation).as(key.name).isNotBlank();
      assertThat(key.group).as(key.name).isNotBlank();
    }
    assertThat(S3SourceConfig.CONFIG_DEF.names()).contains("s3.bucket", "s3.prefixes", "s3.endpoint",
        "s3.path.style.access", "aws.region", "discovery.mode", "sqs.queue.url", "include.pattern",
        "exclude.pattern", "format.default", "line.max.bytes", "poll.interval.ms", "batch.max.records", "topic",
        "audit.topic");
  }

  @Test
  void refusesAMissingBucketNamingTheKey() {
    assertThatThrownBy(() -> new S3SourceConfig(Map.of())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("s3.bucket");
  }

  @Test
  void refusesSqsModeWithoutAQueueUrlInPlainWords() {
    assertThatThrownBy(() -> new S3SourceConfig(Map.of("s3.bucket", "b", "discovery.mode", "SQS")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sqs.queue.url is required when discovery.mode is 'sqs'");
    S3SourceConfig sqs =
        new S3SourceConfig(Map.of("s3.bucket", "b", "discovery.mode", "sqs", "sqs.queue.url", "http://q/1/x"));
    assertThat(sqs.discoveryMode()).isEqualTo(DiscoveryMode.SQS);
  }

  @Test
  void refusesHalfOfAStaticKeyPair() {
    assertThatThrownBy(() -> new S3SourceConfig(Map.of("s3.bucket", "b", "aws.access.key.id", "AK")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("go together");
  }

  @Test
  void refusesMalformedValuesWithTheReason() {
    assertRefused("include.pattern", "([a-z", "not a valid regular expression");
    assertRefused("s3.endpoint", "localhost:9000", "http:// or https://");
    assertRefused("discovery.mode", "poll", "listing, sqs");
    assertRefused("format.default", "parquet", "jsonl, csv");
    assertRefused("topic", "raw topic", "Kafka topic name");
    assertRefused("csv.separator", ";;", "exactly one character");
    assertRefused("line.max.bytes", "0", "line.max.bytes");
    assertRefused("aws.region", "EU Central", "region");
  }

  @Test
  void refusesTheSameTopicForLinesAndAudit() {
    assertThatThrownBy(() -> new S3SourceConfig(Map.of("s3.bucket", "b", "audit.topic", Topics.RAW)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("different topics");
  }

  @Test
  void readsPrefixesEndpointAndPatterns() {
    S3SourceConfig config = new S3SourceConfig(Map.of("s3.bucket", "b", "s3.prefixes", "in/, partners/",
        "s3.endpoint", "http://localhost:9000", "exclude.pattern", ".*\\.tmp", "csv.separator", ";"));
    assertThat(config.prefixes()).isEqualTo(List.of("in/", "partners/"));
    assertThat(config.s3Endpoint()).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(9000));
    assertThat(config.excludePattern()).hasValueSatisfying(p -> assertThat(p.matcher("a.tmp").matches()).isTrue());
    assertThat(config.csvSeparator()).isEqualTo(';');
  }

  @Test
  void givesEachTaskItsShare() {
    Map<String, String> props = S3SourceTaskConfig.forTask(Map.of("s3.bucket", "b"), 2, 3);
    S3SourceTaskConfig task = new S3SourceTaskConfig(props);
    assertThat(task.taskIndex()).isEqualTo(2);
    assertThat(task.taskCount()).isEqualTo(3);
    assertThatThrownBy(() -> new S3SourceTaskConfig(S3SourceTaskConfig.forTask(Map.of("s3.bucket", "b"), 3, 3)))
        .isInstanceOf(ConfigException.class);
  }

  private static void assertRefused(String key, String value, String message) {
    Map<String, String> props = new HashMap<>(Map.of("s3.bucket", "b"));
    props.put(key, value);
    assertThatThrownBy(() -> new S3SourceConfig(props)).as(key).isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }
}
