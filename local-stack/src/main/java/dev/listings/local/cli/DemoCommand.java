package dev.listings.local.cli;

import dev.listings.local.run.GenericAvroDecoder;
import dev.listings.local.run.RunOutputs;
import dev.listings.local.run.RunSummary;
import dev.listings.local.stack.LocalStack;
import dev.listings.local.stack.UseCases;
import dev.listings.schemas.registry.SchemaRegistryClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

  @Override
  public Integer call() throws Exception {
    Path data = sample != null ? sample : Path.of(System.getProperty("pipeline.home", ".")).resolve(SAMPLE);
    if (!Files.isRegularFile(data)) {
      System.err.println("pipeline demo: sample not found: " + data);
      return 2;
    }
    if (fresh) {
      LocalStack.wipe(stateDir);
    }
    try (LocalStack stack = StackSession.start(stackOptions.toOptions(stateDir), System.out)) {
      RunSummary summary;
      try {
        summary = StackSession.process(stack, List.of(data), "sample/",
            Duration.ofSeconds(stackOptions.stallTimeoutSeconds), System.out);
      } catch (dev.listings.local.run.PipelineRun.RunFailed e) {
        System.err.println("pipeline demo: " + e.getMessage());
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
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          stack.close();
          stop.countDown();
        }));
        stop.await();
      }
      return summary.balanced() ? 0 : 1;
    }
  }
}
