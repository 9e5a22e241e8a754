package dev.listings.local.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.cleaner.streams.CleanerTopology;
import dev.listings.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
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
 * Replaying the cleaner on an embedded broker: the sample and a small second object, cleaned once; then the in-place reset
 * (refused while the cleaner runs, a dry run that changes nothing, a start inside an object moved back to the
 * object's first line, a reset to a time before the first line) reproduces the same curated records with an unchanged
 * ledger, and a side instance from the same time writes the same curated records to its backfill topic.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT {
  // Recent times: the broker deletes records older than its retention (7 days).
  private static final Instant FIRST_INGEST = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(
      java.time.temporal.ChronoUnit.SECONDS);
  private static final Instant SECOND_INGEST = FIRST_INGEST.plus(Duration.ofMinutes(5));
  private static final String BEFORE_FIRST = FIRST_INGEST.minus(Duration.ofMinutes(1)).toString();
  private static final List<String> RAW = List.of(Topics.RAW);

  private OpsFixture kafka;
  private KafkaStreams cleaner;
  private List<ConsumerRecord<byte[], byte[]>> firstCurated;
  private Map<TopicPartition, Long> curatedEndAfterFirstRun;

  @BeforeAll
  void cleanTheSampleOnce(@TempDir Path dir) throws Exception {
    kafka = new OpsFixture(dir);
    List<String> lines = OpsFixture.sampleLines();
    kafka.produceObject("in/a.jsonl", "ea", lines, 1, FIRST_INGEST.toEpochMilli());
    kafka.produceObject("in/b.jsonl", "eb", OpsFixture.extraLines("b", 10), 1, SECOND_INGEST.toEpochMilli());
    cleaner = kafka.startCleaner(CleaningRules.defaults(), "main");
    OpsFixture.await("the first run's ledger balances", () -> balanced(LedgerTotals.read(kafka.cluster, Topics.LEDGER)));
    OpsFixture.await("the first run's curated listings", () -> kafka.readAll(Topics.CURATED).size() == 100);
    firstCurated = kafka.readAll(Topics.CURATED);
    curatedEndAfterFirstRun = new HashMap<>();
    firstCurated.forEach(r -> curatedEndAfterFirstRun.merge(new TopicPartition(r.topic(), r.partition()),
        r.offset() + 1, Math::max));
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
  void aResetIsRefusedWhileTheCleanerRunsAndChangesNothing() {
    ResetPlan plan = ResetPlanner.plan(kafka.cluster, CleanerTopology.DEFAULT_APPLICATION_ID, RAW,
        new OffsetTarget.ToEarliest(), true);
    assertThat(plan.groupActive()).isTrue();
    Map<TopicPartition, Long> before = committed();
    assertThatThrownBy(() -> AppReset.execute(kafka.cluster, plan, RAW, null))
        .isInstanceOf(OpsException.class)
        .hasMessageContaining("Application listings-cleaner is running (1 active member(s)")
        .hasMessageContaining("nothing was changed");
    assertThat(committed()).isEqualTo(before);
  }

  @Test
  @Order(2)
  void aDryRunShowsTheBeforeAndAfterOfEveryPartition() {
    OpsFixture.stop(cleaner);
    cleaner = null;
    Map<TopicPartition, Long> before = committed();
    ResetPlan plan = ResetPlanner.plan(kafka.cluster, CleanerTopology.DEFAULT_APPLICATION_ID, RAW,
        OffsetTarget.parseDatetime(BEFORE_FIRST), true);
    assertThat(plan.groupActive()).isFalse();
    assertThat(plan.rows()).hasSize(2).allSatisfy(row -> {
      assertThat(row.offset()).isZero();
      assertThat(row.committed()).isEqualTo(before.get(row.partition()));
      assertThat(row.toProcess()).isEqualTo(row.end());
    });
    assertThat(plan.internalTopics()).contains(CleanerTopology.repartitionTopic("listings-cleaner"),
        "listings-cleaner-dedupe-store-changelog", "listings-cleaner-judge-ledger-store-changelog");
    assertThat(plan.describe()).contains("listings.raw.v1").contains("Internal topics to delete");
    assertThat(committed()).as("planning changes nothing").isEqualTo(before);
  }

  @Test
  @Order(3)
  void aStartInsideAnObjectMovesBackToItsFirstLine() {
    List<ConsumerRecord<byte[], byte[]>> raw = kafka.readAll(Topics.RAW);
    // Raw lines are keyed by listing id: object b spreads over both partitions, in line order within each.
    int busiest = raw.stream().filter(r -> "in/b.jsonl".equals(header(r, "source.key")))
        .collect(java.util.stream.Collectors.groupingBy(ConsumerRecord::partition,
            java.util.stream.Collectors.counting()))
        .entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    List<ConsumerRecord<byte[], byte[]>> objectB = raw.stream()
        .filter(r -> "in/b.jsonl".equals(header(r, "source.key")) && r.partition() == busiest)
        .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset)).toList();
    assertThat(objectB).hasSizeGreaterThanOrEqualTo(3);
    TopicPartition partition = new TopicPartition(Topics.RAW, busiest);
    long first = objectB.get(0).offset();
    long inside = objectB.get(2).offset();
    ResetPlan plan = ResetPlanner.plan(kafka.cluster, CleanerTopology.DEFAULT_APPLICATION_ID, RAW,
        new OffsetTarget.ToOffsets(Map.of(partition, inside)), true);
    ResetPlan.Row row = plan.rows().stream().filter(r -> r.partition().equals(partition)).findFirst().orElseThrow();
    assertThat(row.requested()).isEqualTo(inside);
    assertThat(row.offset()).isEqualTo(first);
    assertThat(row.alignedObject()).isEqualTo("s3://landing/in/b.jsonl@eb");

    ResetPlan unaligned = ResetPlanner.plan(kafka.cluster, CleanerTopology.DEFAULT_APPLICATION_ID, RAW,
        new OffsetTarget.ToOffsets(Map.of(partition, inside)), false);
    assertThat(unaligned.rows().stream().filter(r -> r.partition().equals(partition)).findFirst().orElseThrow()
        .offset()).isEqualTo(inside);
  }

  @Test
  @Order(4)
  void aResetToATimeBeforeTheFirstLineReproducesTheSameCuratedOutputAndLedger() throws Exception {
    Path state = kafka.stateDir("main");
    assertThat(state.resolve(CleanerTopology.DEFAULT_APPLICATION_ID)).exists();
    ResetPlan plan = ResetPlanner.plan(kafka.cluster, CleanerTopology.DEFAULT_APPLICATION_ID, RAW,
        OffsetTarget.parseDatetime(BEFORE_FIRST), true);
    AppReset.Result result = AppReset.execute(kafka.cluster, plan, RAW, state);
    assertThat(result.committed()).containsAllEntriesOf(plan.offsets());
    assertThat(plan.offsets().values()).containsOnly(0L);
    assertThat(result.wipedState()).isEqualTo(state.resolve(CleanerTopology.DEFAULT_APPLICATION_ID));
    assertThat(Files.exists(result.wipedState())).isFalse();
    OpsFixture.await("the internal topics are deleted", () -> {
      try (var admin = kafka.cluster.admin()) {
        return ResetPlanner.internalTopics(admin, CleanerTopology.DEFAULT_APPLICATION_ID).isEmpty();
      } catch (Exception e) {
        return false;
      }
    });

    cleaner = kafka.startCleaner(CleaningRules.defaults(), "main");
    Map<TopicPartition, Long> rawEnd = GroupProgress.dataEnd(kafka.cluster, RAW);
    try (GroupProgress progress = new GroupProgress(kafka.cluster, CleanerTopology.DEFAULT_APPLICATION_ID,
        plan.offsets(), rawEnd)) {
      OpsFixture.await("the replay catches up", () -> progress.poll().caughtUp());
      GroupProgress.Snapshot done = progress.poll();
      // Progress counts offsets: the 217 lines plus the commit markers between the two objects' transactions.
      long offsets = rawEnd.values().stream().mapToLong(Long::longValue).sum();
      assertThat(offsets).isBetween(217L, 217L + 2);
      assertThat(done.total()).isEqualTo(offsets);
      assertThat(done.done()).isEqualTo(offsets);
    }
    OpsFixture.await("the replay's curated listings", () -> kafka.readAll(Topics.CURATED).size() == 200);
    List<ConsumerRecord<byte[], byte[]>> replayed = kafka.readAll(Topics.CURATED).stream()
        .filter(r -> r.offset() >= curatedEndAfterFirstRun.getOrDefault(
            new TopicPartition(r.topic(), r.partition()), 0L))
        .toList();
    assertSameRecords(replayed, firstCurated);
    OpsFixture.await("the ledger balances again", () -> balanced(LedgerTotals.read(kafka.cluster, Topics.LEDGER)));
  }

  @Test
  @Order(5)
  void aSideInstanceFromTheSameTimeWritesTheSameCuratedRecordsToItsBackfillTopic() {
    SideInstance.Spec spec = new SideInstance.Spec(SideInstance.App.CLEANER, "it", null,
        OffsetTarget.parseDatetime(BEFORE_FIRST), CleaningRules.defaults(), kafka.registryUrl, false, false,
        null);
    StringBuilder lastStatus = new StringBuilder();
    SideInstance.Outcome outcome = SideInstance.run(kafka.cluster, spec, s -> lastStatus.replace(0,
        lastStatus.length(), s));
    assertThat(outcome.applicationId()).isEqualTo("listings-cleaner-backfill-it");
    long offsets = GroupProgress.dataEnd(kafka.cluster, RAW).values().stream().mapToLong(Long::longValue).sum();
    assertThat(outcome.inputRecords()).isEqualTo(offsets); // the 217 lines and the markers between objects
    assertThat(lastStatus.toString())
        .startsWith("[##############################] 100%  " + offsets + "/" + offsets + " records");
    assertThat(balanced(outcome.ledger())).isTrue();
    assertSameRecords(kafka.readAll("backfill.it.listings.curated.v1"), firstCurated);
    assertThat(kafka.readAll("backfill.it.listings.rejects.v1")).hasSize(22);
    assertThat(kafka.readAll(Topics.CURATED)).as("production outputs untouched").hasSize(200);

    assertThatThrownBy(() -> SideInstance.run(kafka.cluster, spec, s -> { }))
        .hasMessageContaining("exists already").hasMessageContaining("--resume");
  }

  private static boolean balanced(LedgerTotals ledger) {
    LedgerTotals.Counts lines = ledger.lines();
    Map<String, LedgerTotals.Counts> byObject = ledger.byObject();
    return lines.curated == 100 && lines.rejected == 22 && lines.duplicates == 95
        && byObject.get("s3://landing/in/a.jsonl@ea") != null
        && byObject.get("s3://landing/in/a.jsonl@ea").total() == 207
        && byObject.get("s3://landing/in/b.jsonl@eb") != null
        && byObject.get("s3://landing/in/b.jsonl@eb").total() == 10;
  }

  /**
   * The same records, partition by partition. Within a partition, records of different ids may interleave differently
   * from run to run (two raw partitions feed the repartition topic), so each partition's records are compared in key
   * order; the versions of one id come from one object, in order, and are compared in order.
   */
  private static void assertSameRecords(List<ConsumerRecord<byte[], byte[]>> actual,
      List<ConsumerRecord<byte[], byte[]>> expected) {
    assertThat(canonical(actual)).containsExactlyElementsOf(canonical(expected));
  }

  private static List<String> canonical(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream()
        .sorted(java.util.Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
            .thenComparing(r -> new String(r.key(), StandardCharsets.UTF_8))
            .thenComparingLong(ConsumerRecord::offset))
        .map(r -> r.partition() + "|" + new String(r.key(), StandardCharsets.UTF_8) + "|"
            + java.util.HexFormat.of().formatHex(r.value()))
        .toList();
  }

  private Map<TopicPartition, Long> committed() {
    try (var admin = kafka.cluster.admin()) {
      return ResetPlanner.committedOffsets(admin, CleanerTopology.DEFAULT_APPLICATION_ID);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
