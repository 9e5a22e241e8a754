package dev.listings.ingest.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.listings.infra.EmbeddedConnectWorker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka Connect worker in a JVM of its own, running given connectors, that a test can kill outright (SIGKILL): no
 * shutdown hook, no final offset commit, no transaction committed or aborted on the way out, as when a machine or a
 * container dies. Its output is copied to this JVM's, prefixed. The worker joins the same group as workers started
 * in the test JVM on the same broker, so one started afterwards takes its connectors over.
 */
public final class ChildWorker implements AutoCloseable {
  private static final String READY = "CHILD WORKER READY";

  private final Process process;

  private ChildWorker(Process process) {
    this.process = process;
  }

  /**
   * Starts the worker with {@code workerOverrides} on top of the embedded worker's settings, creates {@code connectors}
   * (name to configuration) and returns once they and their tasks run.
   */
  public static ChildWorker start(String bootstrapServers, Path dataDir, Map<String, String> workerOverrides,
      Map<String, Map<String, String>> connectors, Duration timeout) throws IOException, InterruptedException {
    Files.createDirectories(dataDir);
    Path workerFile = dataDir.resolve("worker-overrides.properties");
    Properties overrides = new Properties();
    overrides.putAll(workerOverrides);
    try (Writer out = Files.newBufferedWriter(workerFile, UTF_8)) {
      overrides.store(out, null);
    }
    List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:+UseSerialGC", "-cp", classPath(),
        Main.class.getName(), bootstrapServers, dataDir.toString(), workerFile.toString()));
    int n = 0;
    for (Map.Entry<String, Map<String, String>> connector : connectors.entrySet()) {
      Properties props = new Properties();
      props.putAll(connector.getValue());
      props.put("name", connector.getKey());
      Path file = dataDir.resolve("connector-" + (n++) + ".properties");
      try (Writer out = Files.newBufferedWriter(file, UTF_8)) {
        props.store(out, null);
      }
      command.add(file.toString());
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    CountDownLatch ready = new CountDownLatch(1);
    Thread copier = new Thread(() -> copyOutput(process, ready), "child-worker-output");
    copier.setDaemon(true);
    copier.start();
    if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("The child worker did not run its connectors within " + timeout);
    }
    if (!process.isAlive()) {
      throw new IllegalStateException("The child worker ended with exit code " + process.exitValue());
    }
    return new ChildWorker(process);
  }

  /** Kills the worker's JVM at once (SIGKILL) and waits until it is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private static void copyOutput(Process process, CountDownLatch ready) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.equals(READY)) {
          ready.countDown();
        }
        System.out.println("[child worker] " + line);
      }
    } catch (IOException e) {
      // the process is gone
    }
    ready.countDown();
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The test class path (Surefire and Failsafe name it; a plain JVM's own class path otherwise). */
  private static String classPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /** The child JVM: {@code bootstrapServers dataDir worker.properties connector.properties...}; runs until killed or stdin closes. */
  public static final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
      EmbeddedConnectWorker worker = EmbeddedConnectWorker.start(args[0], Path.of(args[1]), 0, load(args[2]));
      for (int i = 3; i < args.length; i++) {
        Map<String, String> config = load(args[i]);
        worker.createOrReplaceConnector(config.remove("name"), config);
      }
      System.out.println(READY);
      System.out.flush();
      while (System.in.read() >= 0) {
        // runs until the parent closes stdin or kills this JVM
      }
      worker.close();
      System.exit(0);
    }

    private static Map<String, String> load(String file) throws IOException {
      Properties props = new Properties();
      try (Reader in = Files.newBufferedReader(Path.of(file), UTF_8)) {
        props.load(in);
      }
      Map<String, String> map = new LinkedHashMap<>();
      props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k)));
      return map;
    }
  }
}
