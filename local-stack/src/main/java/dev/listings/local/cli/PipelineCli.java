package dev.listings.local.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./pipeline}: runs the Listings Pipeline on an embedded local stack (Kafka, S3, schema registry, Kafka
 * Connect) with the production connector, topologies and table sink.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    version = "Listings Pipeline 0.1.0",
    description = {
      "Runs the Listings Pipeline on an embedded local stack: S3 landing bucket -> Kafka Connect -> Kafka ->",
      "cleaner and use cases (Kafka Streams) -> Iceberg tables. Nothing is downloaded at run time.",
      ""
    },
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      GenerateCommand.class,
      SqlCommand.class,
      ReplayCommand.class,
      RejectsCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  ./pipeline demo                                   run the bundled sample end to end",
      "  ./pipeline run --input data/sample --out out/     run your files, write curated/rejects/summary",
      "  ./pipeline generate --lines 1000000 --out big.jsonl.gz",
      "  ./pipeline sql \"SELECT * FROM usecases_price_per_sqm_latest LIMIT 10\"",
      "  ./pipeline rejects summary                        rejects by reason and source (stack from endpoints.json)",
      "  ./pipeline replay cleaner --to-datetime 2026-01-05T00:00:00Z --dry-run",
      "  ./pipeline bench latency --rate 5000 --duration 60      end-to-end latency at a steady rate"
    })
public final class PipelineCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: demo, run, generate, sql, replay, rejects or bench");
  }

  public static int execute(String... args) {
    return new CommandLine(new PipelineCli())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setUsageHelpWidth(120)
        .setUsageHelpAutoWidth(true)
        .execute(args);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }
}
