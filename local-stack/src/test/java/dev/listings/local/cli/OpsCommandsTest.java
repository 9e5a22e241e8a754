package dev.listings.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The replay and rejects commands: each has --help, and wrong options get a clear error before anything runs. */
class OpsCommandsTest {
  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void everyCommandHasHelp() {
    assertThat(run("--help").out()).contains("replay", "rejects");
    for (String[] command : new String[][] {{"replay"}, {"replay", "cleaner"}, {"replay", "usecases"},
        {"replay", "reingest"}, {"replay", "progress"}, {"rejects"}, {"rejects", "list"}, {"rejects", "summary"},
        {"rejects", "redrive"}}) {
      String[] args = java.util.Arrays.copyOf(command, command.length + 1);
      args[command.length] = "--help";
      CliRun help = run(args);
      assertThat(help.exit()).as(String.join(" ", args)).isZero();
      assertThat(help.out()).as(String.join(" ", args)).startsWith(headerOf(command)).contains("Usage: pipeline "
          + String.join(" ", command));
    }
    assertThat(run("replay", "cleaner", "--help").out()).contains("--to-datetime", "--to-offsets", "--to-earliest",
        "--dry-run", "--side-instance", "--bootstrap-servers", "--command-config", "--rule");
    assertThat(run("rejects", "redrive", "--help").out()).contains("--reason", "--source", "--from", "--to", "--file",
        "--dry-run");
  }

  private static String headerOf(String[] command) {
    return command.length == 1 ? (command[0].equals("replay") ? "Replay and backfill" : "List, summarise")
        : switch (command[1]) {
          case "cleaner" -> "Re-run the cleaner";
          case "usecases" -> "Re-run the use cases";
          case "reingest" -> "Re-ingest the S3 objects";
          case "progress" -> "Show an application's progress";
          case "list" -> "List rejects";
          case "summary" -> "Summarise rejects";
          default -> "Send rejects";
        };
  }

  @Test
  void missingOrConflictingOptionsAreExplainedBeforeAnyClusterIsContacted() {
    CliRun noStart = run("replay", "cleaner", "--bootstrap-servers", "unreachable:1");
    assertThat(noStart.exit()).isEqualTo(1);
    assertThat(noStart.err()).contains("exactly one of --to-datetime, --to-offsets or --to-earliest");

    CliRun badTime = run("replay", "cleaner", "--to-datetime", "soon");
    assertThat(badTime.err()).contains("'soon' is not a date-time");

    CliRun sideOnly = run("replay", "cleaner", "--to-earliest", "--follow");
    assertThat(sideOnly.exit()).isEqualTo(2);
    assertThat(sideOnly.err()).contains("--follow, --resume and --side-state-dir go with --side-instance");

    CliRun ruleInPlace = run("replay", "cleaner", "--to-earliest", "--rule", "max-living-area=800");
    assertThat(ruleInPlace.err()).contains("--rule changes the rules of a --side-instance");

    CliRun badRule = run("replay", "cleaner", "--to-earliest", "--side-instance", "x", "--rule", "area=1");
    assertThat(badRule.err()).contains("unknown key 'area'");

    CliRun noSelection = run("rejects", "redrive");
    assertThat(noSelection.exit()).isEqualTo(2);
    assertThat(noSelection.err()).contains("Say which rejects: --reason, --source, --from/--to, --file, or --all");

    CliRun fileAndReason = run("rejects", "redrive", "--file", "x.jsonl", "--reason", "AREA_INVALID");
    assertThat(fileAndReason.err()).contains("--file re-drives the lines in the file");

    CliRun noPrefix = run("replay", "reingest");
    assertThat(noPrefix.exit()).isEqualTo(2);
    assertThat(noPrefix.err()).contains("Missing required option: '--prefix=PREFIX'");

    assertThat(run("replay").err()).contains("Missing command: cleaner, usecases, reingest or progress");
    assertThat(run("rejects").err()).contains("Missing command: list, summary or redrive");
  }

  @Test
  void anUnreachableClusterIsNamedWithWhereItsAddressCameFrom() {
    CliRun result = run("rejects", "summary", "--bootstrap-servers", "127.0.0.1:1");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err()).contains("pipeline rejects summary: Cannot reach Kafka at 127.0.0.1:1 (--bootstrap-servers)");
  }
}
