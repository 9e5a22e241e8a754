package dev.listings.local.cli;

import dev.listings.local.run.GenericAvroDecoder;
import dev.listings.local.run.PipelineRun;
import dev.listings.local.run.RunOutputs;
import dev.listings.local.run.RunSummary;
import dev.listings.local.stack.LocalStack;
import dev.listings.local.stack.UseCases;
import dev.listings.schemas.registry.SchemaRegistryClients;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./pipeline demo}: the bundled sample through the whole pipeline, with a summary. */
@Command(
    name = "demo",
    header = "The bundled sample end to end on the embedded stack, with a summary.",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the embedded stack, uploads the bundled sample listings to the landing bucket, waits until every",
      "line is accounted for, prints a summary and exits (or stays up with --keep-running)."
    })
final class DemoCommand implements Callable<Integer> {
  static final Path SAMPLE = Path.of("data", "sample", "scraping_data.jsonl");

  @Option(names = "--state-dir", defaultValue = ".pipeline", paramLabel = "DIR",
      description = "State folder (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(names = "--fresh", description = "Wipe the state folder first.")
  boolean fresh;

  @Option(names = "--keep-running", description = "Leave the stack up for exploring; Ctrl-C stops it.")
  boolean keepRunning;

  @Option(names = "--sample", paramLabel = "FILE", description = "Sample file (default: the bundled sample).")
  Path sample;

  @Mixin StackOptionsMixin stackOptions;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Path data = sample != null ? sample : Path.of(System.getProperty("pipeline.home", ".")).resolve(SAMPLE);
    if (!Files.isRegularFile(data)) {
      err.println("pipeline demo: sample not found: " + data);
      return 2;
    }
    Optional<String> stateProblem = PathChecks.writableFolder(stateDir);
    if (stateProblem.isPresent()) {
      err.println("pipeline demo: --state-dir " + stateProblem.get());
      return 2;
    }
    if (fresh) {
      LocalStack.wipe(stateDir);
    }
    try (StackLifecycle lifecycle = StackLifecycle.install("pipeline demo", System.err)) {
      try {
        return demo(lifecycle, data, err);
      } catch (Exception e) {
        if (lifecycle.interrupted()) {
          return StackLifecycle.INTERRUPTED_EXIT; // the hook said what happened; the stack went away under us
        }
        throw e;
      }
    }
  }

  private int demo(StackLifecycle lifecycle, Path data, PrintWriter err) throws Exception {
    LocalStack stack;
    try {
      stack = StackSession.start(lifecycle, stackOptions.toOptions(stateDir), System.out);
    } catch (StackSession.StartFailed e) {
      err.println("pipeline demo: " + e.getMessage());
      return 1;
    }
    RunSummary summary;
    try {
      summary = StackSession.process(stack, List.of(data), "sample/",
          Duration.ofSeconds(stackOptions.stallTimeoutSeconds), System.out);
    } catch (PipelineRun.RunFailed e) {
      if (lifecycle.interrupted()) {
        return StackLifecycle.INTERRUPTED_EXIT;
      }
      err.println("pipeline demo: " + e.getMessage());
      return 1;
    }
    StackSession.printSummary(summary, System.out);
    RunOutputs outputs =
        new RunOutputs(
            stack.endpoints().kafkaBootstrapServers(),
            new GenericAvroDecoder(SchemaRegistryClients.fromConfig(Map.of(
                "schema.registry.url", stack.endpoints().schemaRegistryUrl()))));
    DemoReport.printUseCases(outputs, System.out);
    DemoReport.printTables(stack, System.out);
    if (keepRunning) {
      System.out.println("\nThe stack stays up; press Ctrl-C to stop it.");
      System.out.flush();
      // the lifecycle's shutdown hook stops the stack on Ctrl-C; this thread just waits for the JVM to end
      new CountDownLatch(1).await();
    }
    return summary.balanced() ? 0 : 1;
  }
}
