package dev.listings.sink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.schemas.avro.CuratedListing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink as a process of its own ({@link TableSinkMain}, as on EKS) killed outright (SIGKILL: no shutdown hook, no
 * last commit) while records keep arriving and it commits small batches back to back, so that the kill lands in the
 * middle of writing or committing one. A sink started afterwards resumes from the table's offsets: every record is in
 * the table exactly once, none missing.
 */
@Tag("integration")
class SinkProcessKillIT {
  private static final String TOPIC = "kill.curated";
  private static final String TABLE = "kill.curated";
  private static final int ROUNDS = 40;
  private static final int PER_ROUND = 150;

  @TempDir static Path dir;
  static SinkEnvironment env;

  @BeforeAll
  static void start() throws Exception {
    env = SinkEnvironment.startWithRegistry(dir);
    env.createTopic(TOPIC, 3);
  }

  @AfterAll
  static void stop() {
    env.close();
  }

  @Test
  void aSinkKilledMidStreamResumesWithoutDuplicatesOrGaps() throws Exception {
    Process child = startChildSink();
    CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
      for (int round = 0; round < ROUNDS; round++) {
        int from = round * PER_ROUND + 1;
        env.produce(TOPIC, TableSinkIT.listings("K-", from, from + PER_ROUND - 1), CuratedListing::getId);
        sleep(100);
      }
    });
    try {
      // a few commits in, with records still arriving
      awaitSnapshots(child, 4);
      assertThat(producing).as("records still arriving when the sink is killed").isNotDone();
      child.destroyForcibly(); // SIGKILL
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    producing.get(120, TimeUnit.SECONDS);
    int rowsAtKill = env.rows(TABLE).size();
    assertThat(rowsAtKill).as("rows committed before the kill").isPositive().isLessThan(ROUNDS * PER_ROUND);

    List<TableMapping> tables = List.of(new TableMapping(TOPIC, TABLE, CuratedListing.class,
        List.of("month(scraping_date)", "property_type"), false));
    try (TableSink sink = new TableSink(env.config(tables, "kill-sink", 150, Duration.ofMillis(200)))) {
      sink.start();
      env.awaitCommitted(sink, TOPIC);
    }

    List<Record> rows = env.rows(TABLE);
    Set<String> positions = new HashSet<>();
    rows.forEach(r -> positions.add(r.getField("kafka_partition") + "@" + r.getField("kafka_offset")));
    assertThat(rows).as("rows").hasSize(ROUNDS * PER_ROUND);
    assertThat(positions).as("distinct Kafka records").hasSize(ROUNDS * PER_ROUND);
    assertThat(rows).extracting(r -> (String) r.getField("id"))
        .containsExactlyInAnyOrderElementsOf(TableSinkIT.listings("K-", 1, ROUNDS * PER_ROUND).stream()
            .map(CuratedListing::getId).toList());
  }

  /** {@link TableSinkMain} in its own JVM, small batches so that it is nearly always writing or committing one. */
  private static Process startChildSink() throws IOException {
    Properties props = new Properties();
    props.setProperty("bootstrap.servers", env.broker().bootstrapServers());
    props.setProperty("group.id", "kill-sink");
    props.setProperty("batch.max.records", "150");
    props.setProperty("batch.max.wait.ms", "200");
    props.setProperty("tables", TABLE);
    props.setProperty("table." + TABLE + ".topic", TOPIC);
    props.setProperty("table." + TABLE + ".value-class", CuratedListing.class.getName());
    props.setProperty("table." + TABLE + ".partition-by", "month(scraping_date);property_type");
    env.catalogProperties().forEach((k, v) -> props.setProperty("catalog." + k, v));
    env.serdeConfig().forEach((k, v) -> props.setProperty("serde." + k, v.toString()));
    Path file = dir.resolve("child-sink.properties");
    try (Writer out = Files.newBufferedWriter(file, UTF_8)) {
      props.store(out, null);
    }
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:+UseSerialGC", "-cp", classPath, TableSinkMain.class.getName(), file.toString())
        .redirectErrorStream(true).start();
    Thread copier = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          System.out.println("[child sink] " + line);
        }
      } catch (IOException e) {
        // the process is gone
      }
    }, "child-sink-output");
    copier.setDaemon(true);
    copier.start();
    return process;
  }

  private static void awaitSnapshots(Process child, int snapshots) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 90_000;
    while (snapshotCount() < snapshots) {
      assertThat(child.isAlive()).as("the child sink runs").isTrue();
      assertThat(System.currentTimeMillis()).as("time waiting for the child's commits").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static int snapshotCount() {
    TableIdentifier id = TableIdentifier.parse(TABLE);
    if (!env.catalog().tableExists(id)) {
      return 0;
    }
    Table table = env.catalog().loadTable(id);
    int n = 0;
    for (var ignored : table.snapshots()) {
      n++;
    }
    return n;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
