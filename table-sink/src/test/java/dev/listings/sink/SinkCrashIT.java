package dev.listings.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.PricePerSqmStats;
import dev.listings.sink.table.KafkaOffsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops the sink at each point of a batch commit, as a killed process would stop, and inside the catalog commit with an
 * unknown outcome (the commit applied or not, its answer lost), then starts a new one and checks that every Kafka
 * record is in its table exactly once.
 */
@Tag("integration")
class SinkCrashIT {
  @TempDir static Path dir;
  static SinkEnvironment env;

  /** Where the first sink dies, on the second batch. */
  enum CrashPoint {
    /** Data files of the first table are written, nothing is committed. */
    BEFORE_FIRST_TABLE_COMMIT,
    /** The first table is committed, the second is not. */
    BETWEEN_TABLE_COMMITS,
    /** Both tables are committed, the consumer group's offsets are not. */
    BEFORE_GROUP_COMMIT,
    /**
     * The first table's catalog commit went through, but its answer was lost (CommitStateUnknownException): the rows
     * and offsets are in the table while the sink believes nothing. Retrying the append would duplicate the rows.
     */
    COMMIT_APPLIED_OUTCOME_UNKNOWN,
    /** The first table's catalog commit never happened, and the sink cannot tell (CommitStateUnknownException). */
    COMMIT_NOT_APPLIED_OUTCOME_UNKNOWN;

    boolean unknownOutcome() {
      return this == COMMIT_APPLIED_OUTCOME_UNKNOWN || this == COMMIT_NOT_APPLIED_OUTCOME_UNKNOWN;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    env = SinkEnvironment.start(dir, "sink-crash-it");
  }

  @AfterAll
  static void stop() {
    env.close();
  }

  @ParameterizedTest
  @EnumSource(CrashPoint.class)
  void resumesAfterACrashWithoutDuplicatesOrGaps(CrashPoint point) throws Exception {
    String name = point.name().toLowerCase(Locale.ROOT);
    String curatedTopic = "crash.curated." + name;
    String statsTopic = "crash.stats." + name;
    String group = "crash-" + name;
    env.createTopic(curatedTopic, 3);
    env.createTopic(statsTopic, 2);
    List<TableMapping> tables = List.of(
        new TableMapping(curatedTopic, "crash_" + name + ".curated", CuratedListing.class,
            List.of("month(scraping_date)", "property_type"), false),
        new TableMapping(statsTopic, "crash_" + name + ".stats", PricePerSqmStats.class, List.of(), true));
    // batches close 1 s after their first record, so each round of both topics lands in one batch
    TableSinkConfig config = env.config(tables, group, 10_000, Duration.ofSeconds(1));
    // the crashing sink reaches the same tables through a catalog that can lose a commit's answer
    TableSinkConfig crashing = point.unknownOutcome()
        ? env.config(tables, group, 10_000, Duration.ofSeconds(1), UnknownCommitOutcomeCatalog.class)
        : config;

    try (TableSink sink = new TableSink(crashing, new CrashAt(point))) {
      sink.start();
      produceRound(curatedTopic, statsTopic, 1);
      env.awaitCommitted(sink, curatedTopic, statsTopic);
      produceRound(curatedTopic, statsTopic, 2);
      produceRound(curatedTopic, statsTopic, 3);
      SinkEnvironment.await(() -> sink.failure().isPresent(), sink, "the sink to fail at " + point);
      assertThat(sink.failure().get()).isInstanceOf(point.unknownOutcome() ? CommitStateUnknownException.class
          : SimulatedCrash.class);
    }
    int curatedBefore = env.rows(tables.get(0).table()).size();
    int statsBefore = env.rows(tables.get(1).table()).size();
    switch (point) {
      case BEFORE_FIRST_TABLE_COMMIT, COMMIT_NOT_APPLIED_OUTCOME_UNKNOWN ->
          assertThat(curatedBefore + statsBefore).isEqualTo(40 + 10);
      case BETWEEN_TABLE_COMMITS, COMMIT_APPLIED_OUTCOME_UNKNOWN ->
          assertThat(curatedBefore + statsBefore).isIn(120 + 10, 40 + 30);
      case BEFORE_GROUP_COMMIT -> {
        assertThat(curatedBefore + statsBefore).isEqualTo(120 + 30);
        // the tables are ahead of the group: resuming from the group's offsets would duplicate rows
        assertThat(sum(env.groupOffsets(group))).isLessThan(sum(tableOffsets(tables)));
      }
      default -> throw new IllegalStateException();
    }

    produceRound(curatedTopic, statsTopic, 4);
    try (TableSink sink = new TableSink(config)) {
      sink.start();
      env.awaitCommitted(sink, curatedTopic, statsTopic);
    }

    assertExactlyOnce(env.rows(tables.get(0).table()), 160);
    assertExactlyOnce(env.rows(tables.get(1).table()), 40);
    assertThat(env.rows(tables.get(0).table())).extracting(r -> r.getField("id"))
        .containsExactlyInAnyOrderElementsOf(TableSinkIT.listings("C-", 1, 160).stream()
            .map(CuratedListing::getId).toList());
  }

  /** Round n: 40 listings and 10 statistics updates, each topic in one transaction. */
  private static void produceRound(String curatedTopic, String statsTopic, int round) {
    int from = (round - 1) * 40 + 1;
    env.produce(curatedTopic, TableSinkIT.listings("C-", from, from + 39), CuratedListing::getId);
    int statsFrom = (round - 1) * 10 + 1;
    env.produce(statsTopic, stats(statsFrom, statsFrom + 9), SinkCrashIT::key);
  }

  private static void assertExactlyOnce(List<Record> rows, int produced) {
    Set<String> positions = new HashSet<>();
    rows.forEach(r -> positions.add(r.getField("kafka_partition") + "@" + r.getField("kafka_offset")));
    assertThat(positions).as("distinct Kafka records").hasSize(produced);
    assertThat(rows).as("rows").hasSize(produced);
  }

  private static long sum(Map<TopicPartition, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }

  private static Map<TopicPartition, Long> tableOffsets(List<TableMapping> tables) {
    Map<TopicPartition, Long> offsets = new java.util.HashMap<>();
    for (TableMapping mapping : tables) {
      offsets.putAll(KafkaOffsets.committed(env.catalog().loadTable(TableIdentifier.parse(mapping.table()))));
    }
    return offsets;
  }

  private static List<PricePerSqmStats> stats(int from, int to) {
    List<PricePerSqmStats> stats = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      stats.add(Fixtures.stats("Town-" + (i % 4), "house", "2024-01", i, 5000 + i));
    }
    return stats;
  }

  private static String key(PricePerSqmStats stats) {
    return stats.getMunicipality() + "|" + stats.getPropertyType() + "|" + stats.getMonth();
  }

  /** Throws at the crash point of the second batch. */
  private static final class CrashAt implements CommitHooks {
    private final CrashPoint point;
    private final AtomicInteger batches = new AtomicInteger();
    private final AtomicInteger tablesCommitted = new AtomicInteger();

    CrashAt(CrashPoint point) {
      this.point = point;
    }

    @Override
    public void dataFilesWritten(String table) {
      if (point == CrashPoint.BEFORE_FIRST_TABLE_COMMIT && batches.get() == 1) {
        throw new SimulatedCrash(point);
      }
      if (batches.get() == 1 && tablesCommitted.get() == 0) {
        if (point == CrashPoint.COMMIT_APPLIED_OUTCOME_UNKNOWN) {
          UnknownCommitOutcomeCatalog.failNextCommit(UnknownCommitOutcomeCatalog.Outcome.APPLIED);
        } else if (point == CrashPoint.COMMIT_NOT_APPLIED_OUTCOME_UNKNOWN) {
          UnknownCommitOutcomeCatalog.failNextCommit(UnknownCommitOutcomeCatalog.Outcome.NOT_APPLIED);
        }
      }
    }

    @Override
    public void tableCommitted(String table) {
      if (point == CrashPoint.BETWEEN_TABLE_COMMITS && batches.get() == 1 && tablesCommitted.incrementAndGet() == 1) {
        throw new SimulatedCrash(point);
      }
    }

    @Override
    public void groupOffsetsCommitting() {
      if (point == CrashPoint.BEFORE_GROUP_COMMIT && batches.get() == 1) {
        throw new SimulatedCrash(point);
      }
      batches.incrementAndGet();
    }
  }

  /** Stands for the process being killed. */
  static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash(CrashPoint point) {
      super("simulated crash " + point);
    }
  }
}
