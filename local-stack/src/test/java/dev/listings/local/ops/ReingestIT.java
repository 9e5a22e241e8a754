package dev.listings.local.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.infra.EmbeddedConnectWorker;
import dev.listings.infra.EmbeddedS3;
import dev.listings.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Re-ingesting an S3 prefix with the real connector on an embedded broker, S3 and Kafka Connect worker: only the
 * objects under the prefix modified in the range are read again, into backfill topics with their provenance, the
 * connector is removed afterwards, and a side cleaner on the backfill raw topic accounts for every re-ingested line.
 */
@Tag("integration")
class ReingestIT {
  @Test
  void reingestsThePrefixIntoBackfillTopicsAndASideCleanerAccountsForEveryLine(@TempDir Path dir) throws Exception {
    try (OpsFixture kafka = new OpsFixture(dir);
        EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve("s3"), 0);
        EmbeddedConnectWorker connect = EmbeddedConnectWorker.start(kafka.broker.bootstrapServers(),
            dir.resolve("connect"), 0, Map.of())) {
      kafka.broker.createTopic(Topics.INGEST_AUDIT, 1, Map.of());
      s3.createBucket("landing");
      Reingest.S3Access access = new Reingest.S3Access(s3.endpoint().toString(), s3.accessKey(), s3.secretKey(),
          s3.region());
      Instant before = Instant.now().minusSeconds(5);
      try (S3Client client = access.client()) {
        client.putObject(PutObjectRequest.builder().bucket("landing").key("sample/scraping_data.jsonl").build(),
            RequestBody.fromFile(OpsFixture.SAMPLE));
        client.putObject(PutObjectRequest.builder().bucket("landing").key("sample/extra.jsonl").build(),
            RequestBody.fromString(String.join("\n", OpsFixture.extraLines("x", 3)) + "\n"));
        client.putObject(PutObjectRequest.builder().bucket("landing").key("other/ignored.jsonl").build(),
            RequestBody.fromString(OpsFixture.extraLines("o", 1).get(0) + "\n"));

        Instant after = Instant.now().plusSeconds(5);
        assertThat(Reingest.select(client, "landing", "sample/", after, null)).isEmpty();
        List<Reingest.Selected> selected = Reingest.select(client, "landing", "sample/", before, after);
        assertThat(selected).extracting(Reingest.Selected::key)
            .containsExactlyInAnyOrder("sample/scraping_data.jsonl", "sample/extra.jsonl");

        ConnectRest rest = new ConnectRest(connect.restUrl().toString());
        Reingest.Spec spec = new Reingest.Spec("it1", "landing", "sample/", before, after, false, "s3-landing",
            Duration.ofMinutes(2), false);
        Map<String, String> template = Reingest.defaultTemplate(access, "landing");
        Reingest.Outcome outcome = Reingest.run(kafka.cluster, rest, spec, template, selected, s -> { });

        assertThat(outcome.audits()).containsOnlyKeys("sample/scraping_data.jsonl", "sample/extra.jsonl");
        assertThat(outcome.lines()).isEqualTo(210);
        assertThat(outcome.failed()).isZero();
        assertThat(rest.exists(spec.connector())).as("the connector is removed").isFalse();
        List<ConsumerRecord<byte[], byte[]>> raw = kafka.readAll("backfill.it1.listings.raw.v1");
        assertThat(raw).hasSize(210);
        assertThat(raw.stream().map(r -> header(r, "source.key")).collect(Collectors.toSet()))
            .containsExactlyInAnyOrder("sample/scraping_data.jsonl", "sample/extra.jsonl");
        assertThat(raw).allSatisfy(r -> assertThat(header(r, "source.line")).isNotNull());
        assertThat(kafka.readAll(Topics.RAW)).as("production raw topic untouched").isEmpty();
        assertThatThrownBy(() -> Reingest.run(kafka.cluster, rest, spec, template, selected, s -> { }))
            .hasMessageContaining("was used before");

        SideInstance.Outcome cleaned = SideInstance.run(kafka.cluster, new SideInstance.Spec(SideInstance.App.CLEANER,
            "it1", spec.rawTopic(), new OffsetTarget.ToEarliest(), CleaningRules.defaults(), kafka.registryUrl,
            false, false, null), s -> { });
        LedgerTotals.Counts lines = cleaned.ledger().lines();
        assertThat(lines.total()).isEqualTo(210);
        assertThat(lines.curated).isEqualTo(93);
        assertThat(lines.rejected).isEqualTo(22);
        assertThat(lines.duplicates).isEqualTo(95);
        assertThat(kafka.readAll("backfill.it1.listings.curated.v1")).hasSize(93);
      }
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
