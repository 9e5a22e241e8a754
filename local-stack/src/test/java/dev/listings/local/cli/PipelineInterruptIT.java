package dev.listings.local.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.local.generate.ListingGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C on the packaged command line, as a user presses it: {@code java -jar target/local-stack.jar run ...} in a
 * process of its own gets SIGINT while the stack starts and while it processes files, and must stop the stack, remove
 * the run's state folder, say so in a line and exit 130, without a stack trace.
 */
@Tag("integration")
class PipelineInterruptIT {
  private static final Path JAR = Path.of("target", "local-stack.jar");
  private static final long STOP_SECONDS = 90;

  @TempDir static Path shared;
  private static Path input;

  @TempDir Path work;

  @BeforeAll
  static void generateInput() throws IOException {
    // big enough that the run is still busy when the signal comes
    input = shared.resolve("listings.jsonl");
    ListingGenerator.writeFile(input, 300_000, 7, n -> {});
  }

  @Test
  void ctrlCWhileTheStackStartsStopsItAndLeavesNoRunFolder() throws Exception {
    Child child = Child.run(work, input);
    child.awaitOutput(line -> line.startsWith("starting Kafka"));

    child.interrupt();

    child.assertStoppedCleanly(work);
  }

  @Test
  void ctrlCWhileFilesAreProcessedStopsTheStackAndLeavesNoRunFolder() throws Exception {
    Child child = Child.run(work, input);
    child.awaitOutput(line -> line.startsWith("Uploaded "));
    assertThat(runFolders(work)).as("the run's state folder while it runs").hasSize(1);

    child.interrupt();

    child.assertStoppedCleanly(work);
    assertThat(work.resolve("out/summary.json")).doesNotExist();
  }

  private static List<Path> runFolders(Path work) throws IOException {
    Path runs = work.resolve(".pipeline/runs");
    if (!Files.isDirectory(runs)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(runs)) {
      return list.toList();
    }
  }

  /** The command line in a JVM of its own, its output collected line by line. */
  private record Child(Process process, List<String> out, List<String> err) {
    static Child run(Path work, Path input) throws IOException {
      List<String> command = new ArrayList<>();
      // a JVM started with SIGINT ignored (as background jobs of a non-interactive shell are) never sees Ctrl-C
      if (new ProcessBuilder("env", "--default-signal=INT", "true").start().onExit().join().exitValue() == 0) {
        command.addAll(List.of("env", "--default-signal=INT"));
      }
      command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
          "-Dpipeline.log.dir=" + work.resolve("logs"), "-jar", JAR.toAbsolutePath().toString(),
          "run", "--input", input.toString(), "--out", work.resolve("out").toString(),
          "--kafka-port", "0", "--registry-port", "0", "--connect-port", "0", "--s3-port", "0"));
      Process process = new ProcessBuilder(command).directory(work.toFile()).start();
      Child child = new Child(process, new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>());
      copy(process.getInputStream(), child.out, "[run] ");
      copy(process.getErrorStream(), child.err, "[run err] ");
      return child;
    }

    private static void copy(java.io.InputStream stream, List<String> lines, String prefix) {
      Thread copier = new Thread(() -> {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, UTF_8))) {
          for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lines.add(line);
            System.out.println(prefix + line);
          }
        } catch (IOException e) {
          // the process is gone
        }
      }, "child-output");
      copier.setDaemon(true);
      copier.start();
    }

    void awaitOutput(Predicate<String> line) throws InterruptedException {
      long deadline = System.currentTimeMillis() + 120_000;
      while (out.stream().noneMatch(line)) {
        assertThat(process.isAlive()).as("the command runs; its errors: " + err).isTrue();
        assertThat(System.currentTimeMillis()).as("time waiting for the expected output").isLessThan(deadline);
        Thread.sleep(20);
      }
    }

    /** Ctrl-C: SIGINT to the process. */
    void interrupt() throws Exception {
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
      assertThat(kill.waitFor()).isZero();
    }

    void assertStoppedCleanly(Path work) throws Exception {
      boolean ended = process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
      if (!ended) {
        process.destroyForcibly().waitFor();
      }
      assertThat(ended).as("the command ended within %d s of Ctrl-C", STOP_SECONDS).isTrue();
      Thread.sleep(200); // the output copiers catch up
      assertThat(process.exitValue()).isEqualTo(StackLifecycle.INTERRUPTED_EXIT);
      assertThat(err).contains("pipeline run: interrupted; stopping the local stack ...", "pipeline run: stopped.");
      assertThat(String.join("\n", err)).doesNotContain("Exception", "\tat ");
      assertThat(runFolders(work)).as("run state folders left behind").isEmpty();
    }
  }
}
