package dev.listings.local.cli;

import dev.listings.infra.EmbeddedSqs;
import dev.listings.local.bench.LatencyBenchmark;
import dev.listings.local.stack.LocalStack;
import dev.listings.local.stack.StackOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pipeline bench}: benchmarks of the whole local stack. */
@Command(
    name = "bench",
    header = "Benchmarks of the whole pipeline on a fresh local stack.",
    mixinStandardHelpOptions = true,
    description = "Benchmarks that run the real embedded path on a fresh stack of their own (free loopback ports).",
    subcommands = {BenchCommand.Latency.class, CommandLine.HelpCommand.class})
final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing benchmark: latency");
  }

  /** {@code ./pipeline bench latency}. */
  @Command(
      name = "latency",
      header = "End-to-end latency (upload -> raw -> curated -> use cases) at a steady input rate.",
      mixinStandardHelpOptions = true,
      description = {
        "Starts a fresh local stack, uploads generated listings to the landing bucket as small objects on a fixed",
        "schedule (--rate lines/s in objects of --object-lines lines), and measures per line when it becomes visible",
        "to a read_committed consumer as a raw record, a curated record, a price-per-sqm update and a price-change",
        "event. Arrival is the moment the object's PUT returned. Prints p50/p90/p99/p99.9/max in milliseconds; the",
        "warm-up is fed and processed but not counted. Stops by itself; the stack's state is removed afterwards.",
        "",
        "--discovery sqs (default) announces each object on an SQS queue (ElasticMQ in this JVM) with the S3 event",
        "notification S3 would send, and runs the connector in event mode; --discovery listing keeps the stack's own",
        "listing mode (bucket listed every 250 ms).",
        "",
        "The table sink is not on the measured path (it reads the topics the latency is measured on) but shares the",
        "cores: --no-table-sink leaves it out, to see the path's latency without its load (in production it has pods",
        "of its own)."
      },
      footer = {
        "",
        "Example:",
        "  ./pipeline bench latency --rate 5000 --object-lines 500 --duration 60"
      })
  static final class Latency implements Callable<Integer> {
    @Option(names = "--rate", defaultValue = "5000", paramLabel = "LINES",
        description = "Lines per second fed (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--object-lines", defaultValue = "500", paramLabel = "LINES",
        description = "Lines per uploaded object (default: ${DEFAULT-VALUE}, i.e. 10 objects/s at 5000 lines/s).")
    int objectLines;

    @Option(names = "--duration", defaultValue = "60", paramLabel = "SECONDS",
        description = "Seconds of measured feeding (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--warmup", defaultValue = "120", paramLabel = "SECONDS",
        description = "Seconds of feeding before measuring, not counted (default: ${DEFAULT-VALUE}: on two cores the "
            + "JIT compiler works for about two minutes before the stack's code is compiled).")
    int warmupSeconds;

    @Option(names = "--discovery", defaultValue = "sqs", paramLabel = "MODE",
        description = "How the connector finds objects: sqs or listing (default: ${DEFAULT-VALUE}).")
    LatencyBenchmark.Discovery discovery;

    @Option(names = "--partitions", defaultValue = "" + StackOptions.DEFAULT_PARTITIONS,
        description = "Partitions of the pipeline's topics (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--table-sink", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Run the table sink in the stack, as ./pipeline run does (default: on; --no-table-sink: off).")
    boolean tableSink;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated listings (default: "
        + "${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--record-cache-mb", defaultValue = "" + (StackOptions.LIVE_RECORD_CACHE_BYTES >> 20),
        paramLabel = "MIB", description = "Kafka Streams record cache of the cleaner and the use cases (default: "
            + "${DEFAULT-VALUE}, as the deployed apps; each commit flushes it, so a larger one lengthens the commits "
            + "on the measured path).")
    int recordCacheMb;

    @Option(names = "--state-dir", paramLabel = "DIR",
        description = "State folder (default: a new folder under .pipeline/bench/, removed at the end).")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
      LatencyBenchmark.Settings settings;
      try {
        settings = new LatencyBenchmark.Settings(rate, objectLines, Duration.ofSeconds(durationSeconds),
            Duration.ofSeconds(warmupSeconds), discovery, seed);
      } catch (IllegalArgumentException e) {
        System.err.println("pipeline bench latency: " + e.getMessage());
        return 2;
      }
      if (recordCacheMb < 0) {
        System.err.println("pipeline bench latency: --record-cache-mb must not be negative");
        return 2;
      }
      boolean ownState = stateDir == null;
      Path state = ownState
          ? Path.of(".pipeline", "bench", "latency-" + LocalDateTime.now().format(
              DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")))
          : stateDir;
      LocalStack.wipe(state);
      StackOptions whole =
          new StackOptions(state, 0, 0, 0, 0, partitions).withRecordCache(recordCacheMb * 1024L * 1024);
      StackOptions options = tableSink ? whole : whole.withoutTableSink();
      // The queue outlives the stack: the connector's task still polls it while the stack stops.
      try (EmbeddedSqs sqs = discovery == LatencyBenchmark.Discovery.SQS ? EmbeddedSqs.start(0) : null;
          LocalStack stack = StackSession.start(options, System.out)) {
        String queueUrl = sqs == null ? null : LatencyBenchmark.useEventMode(stack, sqs);
        if (sqs != null) {
          System.out.println("Landing connector switched to event mode on " + queueUrl);
        }
        LatencyBenchmark.Report report = new LatencyBenchmark(stack, settings, System.out).run(sqs, queueUrl);
        LatencyBenchmark.print(report, System.out);
        return 0;
      } catch (dev.listings.local.run.PipelineRun.RunFailed e) {
        System.err.println("pipeline bench latency: " + e.getMessage());
        return 1;
      } finally {
        if (ownState) {
          LocalStack.wipe(state);
        }
      }
    }
  }
}
