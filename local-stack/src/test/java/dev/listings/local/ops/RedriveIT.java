package dev.listings.local.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.cleaner.streams.Redrive;
import dev.listings.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-driving rejects on an embedded broker: the sample is cleaned with the default rules; after a rule change (studios
 * allowed) the studio rejects are re-driven and move to curated, counted once under the re-drive run while the
 * object's balance stays 90/22/95; a second re-drive sends nothing; a person's corrected line re-drives from a file.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedriveIT {
  private static final String OBJECT = "s3://landing/in/sample.jsonl@e1";
  private static final Redriver.RedriveTopics TOPICS = Redriver.RedriveTopics.defaults();
  private static final RejectFilter STUDIOS = new RejectFilter(Set.of("PROPERTY_TYPE_EXCLUDED"), null, null, null);

  private OpsFixture kafka;
  private KafkaStreams cleaner;
  private Path dir;
  private long resolvedByRuleChange;

  @BeforeAll
  void cleanTheSampleWithTheDefaultRules(@TempDir Path dir) throws Exception {
    this.dir = dir;
    kafka = new OpsFixture(dir);
    kafka.produceObject("in/sample.jsonl", "e1", OpsFixture.sampleLines(), 1,
        Instant.now().minus(Duration.ofMinutes(10)).toEpochMilli());
    cleaner = kafka.startCleaner(CleaningRules.defaults(), "main");
    OpsFixture.await("the sample is accounted for", () -> objectBalanceIsTheFirstRun(ledger()));
    OpsFixture.await("the rejects are readable", () -> kafka.readAll(Topics.REJECTS).size() == 22);
  }

  @AfterAll
  void stop() {
    if (cleaner != null) {
      OpsFixture.stop(cleaner);
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  @Order(1)
  void listsAndSummarisesTheRejects() {
    List<RejectRecord> all = RejectsReport.read(kafka.cluster, Topics.REJECTS, RejectFilter.ALL);
    assertThat(all).hasSize(22);
    assertThat(RejectsReport.count(all, RejectRecord::reason)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "PROPERTY_TYPE_EXCLUDED", 7L, "AREA_OUT_OF_RANGE", 5L, "PRICE_PER_SQM_OUT_OF_RANGE", 10L));
    List<RejectRecord> studios = RejectsReport.read(kafka.cluster, Topics.REJECTS, STUDIOS);
    assertThat(studios).hasSize(7).allSatisfy(r -> {
      assertThat(r.lineIdentity()).startsWith(OBJECT + "#");
      assertThat(r.raw()).contains("studio");
      assertThat(r.headers()).containsEntry("reject.reason", "PROPERTY_TYPE_EXCLUDED")
          .containsEntry("source.key", "in/sample.jsonl");
    });
    String summary = RejectsReport.summary(all, RedriveJournal.read(kafka.cluster, TOPICS.journal()), 2);
    assertThat(summary).containsPattern("PRICE_PER_SQM_OUT_OF_RANGE +10").containsPattern("s3://landing/in/sample.jsonl +22")
        .contains("22 rejected line(s); 0 re-driven at least once; 22 still rejected");
  }

  @Test
  @Order(2)
  void afterARuleChangeReDrivenStudiosMoveToCuratedCountedOnceAsRedriven() throws Exception {
    OpsFixture.stop(cleaner);
    cleaner = kafka.startCleaner(RulesOverrides.apply(CleaningRules.defaults(),
        List.of("allowed-property-types=apartment,house,studio")), "main");
    List<RejectRecord> studios = RejectsReport.read(kafka.cluster, Topics.REJECTS, STUDIOS);
    long onlyTheType = studios.stream().filter(r -> r.reasons().equals(List.of("PROPERTY_TYPE_EXCLUDED"))).count();
    int curatedBefore = kafka.readAll(Topics.CURATED).size();

    Redriver.Plan plan = Redriver.plan(kafka.cluster, TOPICS, STUDIOS, false, 0, Clock.systemUTC());
    assertThat(plan.selected()).hasSize(7);
    assertThat(plan.skipped()).isEmpty();
    assertThat(Redriver.send(kafka.cluster, TOPICS, plan, Clock.systemUTC())).isEqualTo(7);
    LedgerTotals.Counts outcome = Redriver.await(kafka.cluster, TOPICS.ledger(), plan.run(), 7,
        OpsFixture.PATIENCE, s -> { });

    assertThat(outcome.total()).isEqualTo(7);
    assertThat(outcome.curated + outcome.duplicates).isEqualTo(onlyTheType);
    assertThat(outcome.rejected).isEqualTo(7 - onlyTheType);
    resolvedByRuleChange = outcome.curated + outcome.duplicates;
    OpsFixture.await("the ledger settles", () -> ledger().redriven(plan.run()).total() == 7);
    LedgerTotals ledger = ledger();
    assertThat(objectBalanceIsTheFirstRun(ledger)).as("the object's balance is unchanged: " + ledger.byObject())
        .isTrue();
    assertThat(ledger.redrivenByRun()).containsOnlyKeys(plan.run());

    List<ConsumerRecord<byte[], byte[]>> curated = kafka.readAll(Topics.CURATED);
    assertThat(curated).hasSize(curatedBefore + (int) outcome.curated);
    List<ConsumerRecord<byte[], byte[]>> redriven = curated.stream()
        .filter(r -> r.headers().lastHeader(Redrive.OF) != null).toList();
    assertThat(redriven).hasSize((int) outcome.curated).allSatisfy(r -> {
      assertThat(header(r, Redrive.ID)).isEqualTo(plan.run());
      assertThat(header(r, Redrive.OF)).startsWith(OBJECT + "#");
      assertThat(header(r, "source.key")).isEqualTo("in/sample.jsonl");
    });
  }

  @Test
  @Order(3)
  void aSecondReDriveSendsNoLineTwice() {
    Redriver.Plan again = Redriver.plan(kafka.cluster, TOPICS, STUDIOS, false, 0, Clock.systemUTC());
    assertThat(again.selected()).isEmpty();
    assertThat(again.skipped().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(resolvedByRuleChange);
    List<RejectRecord> all = RejectsReport.read(kafka.cluster, Topics.REJECTS, RejectFilter.ALL);
    assertThat(RejectsReport.summary(all, RedriveJournal.read(kafka.cluster, TOPICS.journal()), 1))
        .contains("22 rejected line(s); 7 re-driven at least once; " + (22 - resolvedByRuleChange) + " still rejected");
  }

  @Test
  @Order(4)
  void aLineAPersonCorrectedIsReDrivenFromAFileAndCuratedWithExactAccounting() throws Exception {
    RejectRecord tooBig = RejectsReport.read(kafka.cluster, Topics.REJECTS,
        new RejectFilter(Set.of("AREA_OUT_OF_RANGE"), "in/", null, null)).get(0);
    String corrected = tooBig.raw().replaceAll("\"living_area\":\\s*[0-9.]+", "\"living_area\":100")
        .replaceAll("\"raw_price\":\\s*\"[^\"]*\"", "\"raw_price\":\"500000 EUR\"");
    var json = (com.fasterxml.jackson.databind.node.ObjectNode) tooBig.json().deepCopy();
    json.put("raw", corrected);
    Path file = dir.resolve("corrected.jsonl");
    Files.writeString(file, json.toString() + "\n", StandardCharsets.UTF_8);

    Redriver.Plan plan = Redriver.planFromFile(kafka.cluster, TOPICS, file, false, Clock.systemUTC());
    assertThat(plan.selected()).singleElement().satisfies(c -> {
      assertThat(c.corrected()).isTrue();
      assertThat(c.line()).isEqualTo(tooBig.lineIdentity());
    });
    Redriver.send(kafka.cluster, TOPICS, plan, Clock.systemUTC());
    LedgerTotals.Counts outcome = Redriver.await(kafka.cluster, TOPICS.ledger(), plan.run(), 1, OpsFixture.PATIENCE,
        s -> { });
    assertThat(outcome.curated).isEqualTo(1);
    OpsFixture.await("the ledger settles", () -> ledger().redriven(plan.run()).curated == 1);
    assertThat(objectBalanceIsTheFirstRun(ledger())).isTrue();
    ConsumerRecord<byte[], byte[]> last = kafka.readAll(Topics.CURATED).stream()
        .filter(r -> plan.run().equals(header(r, Redrive.ID))).findFirst().orElseThrow();
    assertThat(header(last, Redrive.CORRECTED)).isEqualTo("true");
    assertThat(header(last, "source.line")).isEqualTo(Long.toString(tooBig.line()));

    assertThat(Redriver.planFromFile(kafka.cluster, TOPICS, file, false, Clock.systemUTC()).selected())
        .as("the corrected line is curated now: not sent again").isEmpty();
  }

  private LedgerTotals ledger() {
    return LedgerTotals.read(kafka.cluster, Topics.LEDGER);
  }

  private static boolean objectBalanceIsTheFirstRun(LedgerTotals ledger) {
    LedgerTotals.Counts object = ledger.byObject().get(OBJECT);
    return object != null && object.curated == 90 && object.rejected == 22 && object.duplicates == 95
        && object.rejectedByReason.equals(Map.of("PROPERTY_TYPE_EXCLUDED", 7L, "AREA_OUT_OF_RANGE", 5L,
            "PRICE_PER_SQM_OUT_OF_RANGE", 10L));
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
