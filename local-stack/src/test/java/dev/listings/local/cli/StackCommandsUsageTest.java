package dev.listings.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * demo, run, generate and sql: each has --help, and bad input gets one clear line (no stack trace) before any stack
 * starts.
 */
class StackCommandsUsageTest {
  private static final Path SAMPLE = Path.of("..", "data", "sample", "scraping_data.jsonl");

  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  /** The error's first line, and that nothing in the output looks like a Java stack trace. */
  private static String firstErrorLine(CliRun result) {
    assertThat(result.err()).doesNotContain("\tat ", "Exception in", "Caused by");
    return result.err().lines().findFirst().orElse("");
  }

  @Test
  void everyStackCommandHasHelp() {
    assertThat(run("--help").out()).contains("demo", "run", "generate", "sql");
    assertHelp("demo", "The bundled sample end to end", "--keep-running", "--fresh", "--state-dir", "--sample",
        "--kafka-port", "--stall-timeout");
    assertHelp("run", "Your files through the whole pipeline", "--input", "--out", "--keep-state", "--state-dir",
        "--partitions");
    assertHelp("generate", "Synthetic, messy, reproducible listings", "--lines", "--out", "--seed");
    assertHelp("sql", "SQL over the local Iceberg tables", "QUERY", "--state-dir");
  }

  private static void assertHelp(String command, String header, String... options) {
    CliRun help = run(command, "--help");
    assertThat(help.exit()).as(command).isZero();
    assertThat(help.out()).as(command).startsWith(header).contains("Usage: pipeline " + command).contains(options);
    assertThat(help.err()).as(command).isEmpty();
  }

  @Test
  void benchLatencyRunsTheTableSinkUnlessToldNotTo() {
    CliRun help = run("bench", "latency", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("--[no-]table-sink", "--rate", "--discovery");

    BenchCommand.Latency byDefault = new BenchCommand.Latency();
    new picocli.CommandLine(byDefault).setCaseInsensitiveEnumValuesAllowed(true).parseArgs();
    assertThat(byDefault.tableSink).isTrue();
    BenchCommand.Latency without = new BenchCommand.Latency();
    new picocli.CommandLine(without).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--no-table-sink");
    assertThat(without.tableSink).isFalse();
  }

  @Test
  void aStackWithoutTheTableSinkKeepsEverythingElse() {
    dev.listings.local.stack.StackOptions whole =
        new dev.listings.local.stack.StackOptions(dir, 1, 2, 3, 4, 3);
    dev.listings.local.stack.StackOptions noSink = whole.withoutTableSink();
    assertThat(whole.tableSink()).isTrue();
    assertThat(noSink.tableSink()).isFalse();
    assertThat(noSink).usingRecursiveComparison().ignoringFields("tableSink").isEqualTo(whole);
  }

  @Test
  void runServesOneBatchRunWhileEveryOtherStackCommitsAsALiveOne() {
    dev.listings.local.stack.StackOptions live = new dev.listings.local.stack.StackOptions(dir, 1, 2, 3, 4, 3);
    assertThat(live.batchRun()).isFalse();
    assertThat(live.streamsCommitIntervalMs()).isEqualTo(100);
    assertThat(live.withoutTableSink().withRecordCache(1 << 20).batchRun()).isFalse();

    RunCommand run = new RunCommand();
    new picocli.CommandLine(run).parseArgs("--input", "x", "--out", "y");
    dev.listings.local.stack.StackOptions batch = run.runStackOptions(dir);
    assertThat(batch.batchRun()).isTrue();
    assertThat(batch.streamsCommitIntervalMs()).isEqualTo(1_000);
    assertThat(batch.recordCacheBytes()).isEqualTo(dev.listings.local.stack.StackOptions.BATCH_RECORD_CACHE_BYTES);
    assertThat(batch.withRecordCache(1 << 20).batchRun()).isTrue();
    assertThat(batch.withoutTableSink().batchRun()).isTrue();
  }

  @Test
  void runTakesTheBatchRecordCacheAndTheLatencyBenchTheDeployedAppsOne() {
    dev.listings.local.stack.StackOptions options = new dev.listings.local.stack.StackOptions(dir, 1, 2, 3, 4, 3);
    assertThat(options.recordCacheBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(options.withRecordCache(1 << 20).withoutTableSink())
        .usingRecursiveComparison().ignoringFields("tableSink", "recordCacheBytes").isEqualTo(options);
    assertThat(options.withRecordCache(1 << 20).withoutTableSink().recordCacheBytes()).isEqualTo(1 << 20);

    RunCommand run = new RunCommand();
    new picocli.CommandLine(run).parseArgs("--input", "x", "--out", "y");
    assertThat(run.recordCacheMb * 1024L * 1024)
        .isEqualTo(dev.listings.local.stack.StackOptions.BATCH_RECORD_CACHE_BYTES);
    BenchCommand.Latency latency = new BenchCommand.Latency();
    new picocli.CommandLine(latency).setCaseInsensitiveEnumValuesAllowed(true).parseArgs();
    assertThat(latency.recordCacheMb * 1024L * 1024).isEqualTo(options.recordCacheBytes());

    CliRun negative = run("run", "--input", SAMPLE.toString(), "--out", dir.resolve("out").toString(),
        "--record-cache-mb", "-1");
    assertThat(negative.exit()).isEqualTo(2);
    assertThat(firstErrorLine(negative)).isEqualTo("pipeline run: --record-cache-mb must not be negative");
  }

  @Test
  void benchLatencyRefusesANegativeRecordCacheBeforeTouchingItsStateFolder() throws Exception {
    Path state = Files.createDirectories(dir.resolve("state"));
    Path kept = Files.writeString(state.resolve("kept.txt"), "x");
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream stderr = System.err;
    CliRun negative;
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      negative = run("bench", "latency", "--state-dir", state.toString(), "--record-cache-mb", "-1");
    } finally {
      System.setErr(stderr);
    }
    assertThat(negative.exit()).isEqualTo(2);
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("pipeline bench latency: --record-cache-mb must not be negative" + System.lineSeparator());
    assertThat(kept).exists();
  }

  @Test
  void runWithoutInputOrOutputSaysWhichOptionIsMissing() {
    CliRun noInput = run("run", "--out", dir.resolve("out").toString());
    assertThat(noInput.exit()).isEqualTo(2);
    assertThat(firstErrorLine(noInput)).isEqualTo("Missing required option: '--input=PATH'");

    CliRun noOut = run("run", "--input", SAMPLE.toString());
    assertThat(noOut.exit()).isEqualTo(2);
    assertThat(firstErrorLine(noOut)).isEqualTo("Missing required option: '--out=DIR'");
  }

  @Test
  void runWithAMissingInputNamesItBeforeAnyStackStarts() {
    Path missing = dir.resolve("no-such-file.jsonl");
    CliRun result = run("run", "--input", SAMPLE.toString(), missing.toString(), "--out", dir.resolve("out")
        .toString(), "--state-dir", dir.resolve("state").toString());
    assertThat(result.exit()).isEqualTo(2);
    assertThat(firstErrorLine(result)).isEqualTo("pipeline run: Input not found: " + missing);
    assertThat(dir.resolve("state")).doesNotExist();
  }

  @Test
  void runWithAnEmptyInputFolderSaysThereIsNothingToRun() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRun result = run("run", "--input", empty.toString(), "--out", dir.resolve("out").toString());
    assertThat(result.exit()).isEqualTo(2);
    assertThat(firstErrorLine(result)).startsWith("pipeline run: No input files under");
  }

  @Test
  void runWithAnUnwritableOutputFolderSaysSoBeforeAnyStackStarts() throws Exception {
    // a file where a folder must go: unwritable for every user, root included
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    CliRun underAFile = run("run", "--input", SAMPLE.toString(), "--out", file.resolve("out").toString(),
        "--state-dir", dir.resolve("state").toString());
    assertThat(underAFile.exit()).isEqualTo(2);
    assertThat(firstErrorLine(underAFile)).isEqualTo("pipeline run: --out cannot write to " + file.resolve("out")
        + ": a file is in the way (" + file + ")");
    assertThat(dir.resolve("state")).doesNotExist();

    CliRun isAFile = run("run", "--input", SAMPLE.toString(), "--out", file.toString());
    assertThat(isAFile.exit()).isEqualTo(2);
    assertThat(firstErrorLine(isAFile)).isEqualTo("pipeline run: --out " + file + " is a file, not a folder");
  }

  @Test
  void demoWithAMissingSampleOrAnUnwritableStateFolderSaysSo() throws Exception {
    Path missing = dir.resolve("missing.jsonl");
    CliRun noSample = run("demo", "--sample", missing.toString(), "--state-dir", dir.resolve("state").toString());
    assertThat(noSample.exit()).isEqualTo(2);
    assertThat(firstErrorLine(noSample)).isEqualTo("pipeline demo: sample not found: " + missing);

    Path file = Files.writeString(dir.resolve("a-file"), "x");
    CliRun badState = run("demo", "--sample", SAMPLE.toString(), "--state-dir", file.toString());
    assertThat(badState.exit()).isEqualTo(2);
    assertThat(firstErrorLine(badState)).isEqualTo("pipeline demo: --state-dir " + file + " is a file, not a folder");
  }

  @Test
  void generateRejectsANonPositiveLineCount() {
    for (String lines : new String[] {"0", "-5"}) {
      CliRun result = run("generate", "--lines", lines, "--out", dir.resolve("g.jsonl").toString());
      assertThat(result.exit()).as(lines).isEqualTo(2);
      assertThat(firstErrorLine(result)).isEqualTo("--lines must be at least 1 (got " + lines + ")");
    }
    CliRun notANumber = run("generate", "--lines", "many", "--out", dir.resolve("g.jsonl").toString());
    assertThat(notANumber.exit()).isEqualTo(2);
    assertThat(firstErrorLine(notANumber)).contains("'many' is not a long");
    assertThat(dir.resolve("g.jsonl")).doesNotExist();

    assertThat(firstErrorLine(run("generate", "--out", "x.jsonl")))
        .isEqualTo("Missing required option: '--lines=<lines>'");
  }

  @Test
  void generateToAnUnwritablePlaceSaysSoWithoutAStackTrace() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    CliRun underAFile = run("generate", "--lines", "10", "--out", file.resolve("g.jsonl").toString());
    assertThat(underAFile.exit()).isEqualTo(1);
    assertThat(firstErrorLine(underAFile)).startsWith("pipeline generate: cannot write " + file.resolve("g.jsonl")
        + ": a file is in the way");

    CliRun aFolder = run("generate", "--lines", "10", "--out", dir.toString());
    assertThat(aFolder.exit()).isEqualTo(2);
    assertThat(firstErrorLine(aFolder)).isEqualTo("pipeline generate: --out " + dir
        + " is a folder; name the file to write");
  }

  @Test
  void generateWritesTheFileItWasAskedFor() throws Exception {
    Path out = dir.resolve("nested/g.jsonl");
    CliRun result = run("generate", "--lines", "25", "--out", out.toString());
    assertThat(result.exit()).isZero();
    assertThat(Files.readAllLines(out)).hasSize(25);
  }

  @Test
  void sqlWithoutTablesSaysWhereItLooked() {
    CliRun result = run("sql", "--state-dir", dir.resolve("nothing-here").toString(), "SELECT 1");
    assertThat(result.exit()).isEqualTo(2);
    assertThat(firstErrorLine(result)).isEqualTo("pipeline sql: no tables under "
        + dir.resolve("nothing-here").toAbsolutePath()
        + " (run ./pipeline demo, or pass --state-dir of a run kept with --keep-state)");
  }

  @Test
  void sqlWithAnEmptyQueryOrInvalidSqlSaysWhatIsWrongInOneLine() throws Exception {
    // a state folder with a catalog but no tables yet: the query reaches DuckDB
    Path state = dir.resolve("state");
    Files.createDirectories(state.resolve("catalog"));
    Files.createFile(state.resolve("catalog/catalog.db"));
    Files.createDirectories(state.resolve("s3"));

    CliRun blank = run("sql", "--state-dir", state.toString(), "  ");
    assertThat(blank.exit()).isEqualTo(2);
    assertThat(firstErrorLine(blank)).isEqualTo("The query is empty (leave it out to list the views)");

    CliRun invalid = run("sql", "--state-dir", state.toString(), "SELEKT * FROM listings_curated");
    assertThat(invalid.exit()).isEqualTo(1);
    assertThat(invalid.err().lines().toList()).hasSize(1);
    assertThat(firstErrorLine(invalid)).startsWith("pipeline sql: Query failed: Parser Error:").contains("SELEKT");

    CliRun unknownTable = run("sql", "--state-dir", state.toString(), "SELECT * FROM no_such_table");
    assertThat(unknownTable.exit()).isEqualTo(1);
    assertThat(unknownTable.err().lines().toList()).hasSize(1);
    assertThat(firstErrorLine(unknownTable)).startsWith("pipeline sql: Query failed: Catalog Error:")
        .contains("no_such_table");

    CliRun listing = run("sql", "--state-dir", state.toString());
    assertThat(listing.exit()).isZero();
    assertThat(listing.err()).isEmpty();
  }
}
