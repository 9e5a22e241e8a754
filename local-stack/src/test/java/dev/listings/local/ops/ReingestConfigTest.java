package dev.listings.local.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The re-ingest connector's configuration: the template's, limited to exactly the selected objects. */
class ReingestConfigTest {
  private static final List<Reingest.Selected> SELECTED = List.of(
      new Reingest.Selected("2026/01/05/a (1).jsonl", "e1", 10, Instant.parse("2026-01-05T08:00:00Z")),
      new Reingest.Selected("2026/01/05/b+c.csv.gz", "e2", 20, Instant.parse("2026-01-05T09:00:00Z")));

  @Test
  void includesExactlyTheSelectedKeys() {
    Pattern include = Pattern.compile(Reingest.includePattern(SELECTED));
    assertThat(include.matcher("2026/01/05/a (1).jsonl").matches()).isTrue();
    assertThat(include.matcher("2026/01/05/b+c.csv.gz").matches()).isTrue();
    assertThat(include.matcher("2026/01/05/bc.csv.gz").matches()).isFalse();
    assertThat(include.matcher("2026/01/05/a (1).jsonl.bak").matches()).isFalse();
  }

  @Test
  void copiesTheTemplateInListingModeIntoBackfillTopics() {
    Reingest.Spec spec = new Reingest.Spec("jan5", "landing", "2026/01/", null, null, false, "s3-landing",
        Duration.ofMinutes(1), false);
    Map<String, String> template = Map.of("name", "s3-landing", "connector.class", "C", "discovery.mode", "sqs",
        "sqs.queue.url", "https://sqs/q", "s3.bucket", "landing", "aws.region", "eu-central-1",
        "include.pattern", ".*\\.jsonl", "offsets.storage.topic", "connect-offsets-s3-landing");
    Map<String, String> config = Reingest.connectorConfig(template, spec, SELECTED);
    assertThat(config).doesNotContainKeys("name", "sqs.queue.url")
        .containsEntry("connector.class", "C")
        .containsEntry("aws.region", "eu-central-1")
        .containsEntry("discovery.mode", "listing")
        .containsEntry("s3.prefixes", "2026/01/")
        .containsEntry("topic", "backfill.jan5.listings.raw.v1")
        .containsEntry("audit.topic", "backfill.jan5.ingest.audit.v1")
        .containsEntry("include.pattern", Reingest.includePattern(SELECTED))
        .containsEntry("offsets.storage.topic", "backfill.jan5.connect-offsets");
    assertThat(spec.connector()).isEqualTo("s3-reingest-jan5");
    Reingest.Spec main = new Reingest.Spec("x", "landing", "", null, null, true, "t", Duration.ofMinutes(1), false);
    assertThat(main.rawTopic()).isEqualTo("listings.raw.v1");
    assertThat(main.auditTopic()).isEqualTo("ingest.audit.v1");
  }

  @Test
  void refusesBadNamesAndRanges() {
    assertThatThrownBy(() -> new Reingest.Spec("a b", "l", "", null, null, false, "t", Duration.ofMinutes(1), false))
        .hasMessageContaining("--name 'a b'");
    assertThatThrownBy(() -> new Reingest.Spec("a", "l", "", Instant.parse("2026-01-06T00:00:00Z"),
        Instant.parse("2026-01-05T00:00:00Z"), false, "t", Duration.ofMinutes(1), false))
        .hasMessageContaining("must be before");
  }
}
