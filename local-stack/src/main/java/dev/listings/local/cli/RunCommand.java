package dev.listings.local.cli;

import dev.listings.local.run.GenericAvroDecoder;
import dev.listings.local.run.PipelineRun;
import dev.listings.local.run.RunOutputs;
import dev.listings.local.run.RunSummary;
import dev.listings.local.run.Uploader;
import dev.listings.local.stack.LocalStack;
import dev.listings.local.stack.StackOptions;
import dev.listings.local.stack.UseCases;
import dev.listings.schemas.registry.SchemaRegistryClients;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./pipeline run}: the real path (S3 → Connect → Kafka → Streams → tables) for the given files. */
@Command(
    name = "run",
    header = "Your files through the whole pipeline; writes curated, rejects, summary, use cases.",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the given files or folders through the whole pipeline on a fresh local stack and writes into --out:",
      "curated.jsonl, rejects.jsonl, summary.json and usecases/<name>.csv.",
      "Exits 0 when every line is accounted for (curated, rejected or duplicate), non-zero otherwise."
    })
final class RunCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "PATH",
      description = "Input files or folders (JSON lines, CSV, optionally .gz).")
  List<Path> inputs;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(names = "--state-dir", paramLabel = "DIR",
      description = "State folder of this run (default: a new folder under .pipeline/runs/, removed at the end).")
  Path stateDir;

  @Option(names = "--keep-state", description = "Keep the run's state folder (topics, objects, tables) afterwards.")
  boolean keepState;

  @Option(names = "--record-cache-mb", defaultValue = "" + (StackOptions.BATCH_RECORD_CACHE_BYTES >> 20),
      paramLabel = "MIB", description = "Kafka Streams record cache of the cleaner and the use cases (default: "
          + "${DEFAULT-VALUE}; a run works through a backlog, where a larger cache saves RocksDB reads and writes of "
          + "the use cases; the deployed apps keep Kafka Streams' 10 for short commits).")
  int recordCacheMb;

  @Mixin StackOptionsMixin stackOptions;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    List<Path> files;
    try {
      files = Uploader.expand(inputs);
    } catch (IOException e) {
      err.println("pipeline run: " + e.getMessage());
      return 2;
    }
    Optional<String> outProblem = PathChecks.writableFolder(out);
    if (outProblem.isPresent()) {
      err.println("pipeline run: --out " + outProblem.get());
      return 2;
    }
    if (recordCacheMb < 0) {
      err.println("pipeline run: --record-cache-mb must not be negative");
      return 2;
    }
    boolean ownState = stateDir == null;
    Path state =
        ownState
            ? Path.of(".pipeline", "runs", "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern(
                "yyyyMMdd-HHmmss-SSS")))
            : stateDir;
    Optional<String> stateProblem = PathChecks.writableFolder(state);
    if (stateProblem.isPresent()) {
      err.println("pipeline run: --state-dir " + stateProblem.get());
      return 2;
    }
    LocalStack.wipe(state);
    try (StackLifecycle lifecycle = StackLifecycle.install("pipeline run", System.err)) {
      if (ownState && !keepState) {
        // on a normal end and on Ctrl-C alike: the run's topics, objects and tables go with it
        lifecycle.afterStop(() -> LocalStack.wipe(state));
      }
      try {
        return run(lifecycle, files, state, err);
      } catch (Exception e) {
        if (lifecycle.interrupted()) {
          return StackLifecycle.INTERRUPTED_EXIT; // the hook said what happened; the stack went away under us
        }
        throw e;
      }
    }
  }

  /** The stack of a run: the batch record cache (or {@code --record-cache-mb}) and batch commits (ADR 0013, 0015). */
  StackOptions runStackOptions(Path state) {
    return stackOptions.toOptions(state).withRecordCache(recordCacheMb * 1024L * 1024).forBatchRun();
  }

  private int run(StackLifecycle lifecycle, List<Path> files, Path state, PrintWriter err) throws Exception {
    LocalStack stack;
    try {
      stack = StackSession.start(lifecycle, runStackOptions(state), System.out);
    } catch (StackSession.StartFailed e) {
      err.println("pipeline run: " + e.getMessage());
      return 1;
    }
    RunSummary summary;
    try {
      summary = StackSession.process(stack, files, "incoming/", Duration.ofSeconds(
          stackOptions.stallTimeoutSeconds), System.out);
    } catch (PipelineRun.RunFailed e) {
      if (lifecycle.interrupted()) {
        return StackLifecycle.INTERRUPTED_EXIT;
      }
      err.println("pipeline run: " + e.getMessage());
      return 1;
    }
    RunOutputs outputs =
        new RunOutputs(
            stack.endpoints().kafkaBootstrapServers(),
            new GenericAvroDecoder(SchemaRegistryClients.fromConfig(Map.of(
                "schema.registry.url", stack.endpoints().schemaRegistryUrl()))));
    long[] written;
    try {
      written = outputs.writeAll(out, summary, UseCases.outputs());
    } catch (IOException e) {
      err.println("pipeline run: cannot write the results to " + out + ": " + PathChecks.describe(e));
      return 1;
    }
    StackSession.printSummary(summary, System.out);
    System.out.println("Wrote " + out.toAbsolutePath() + " (" + written[0] + " curated, " + written[1]
        + " rejects, summary.json, usecases/)");
    int exit = summary.balanced() && written[0] == summary.curated() ? 0 : 1;
    if (exit != 0) {
      err.println("pipeline run: the figures do not balance; see summary.json");
    }
    return exit;
  }
}
