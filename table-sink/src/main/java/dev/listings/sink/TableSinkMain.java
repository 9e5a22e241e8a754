package dev.listings.sink;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sink as a process (a container on EKS): settings from an optional properties file given as the first
 * argument, overridden by environment variables prefixed {@code SINK_} ({@code SINK_BOOTSTRAP_SERVERS} sets {@code
 * bootstrap.servers}, {@code SINK_CATALOG_S3_PATH__STYLE__ACCESS} sets {@code catalog.s3.path-style-access}: a single
 * {@code _} is a dot, {@code __} a dash). Exits non-zero when the sink fails, so the orchestrator restarts it and it
 * resumes from the tables' offsets.
 */
public final class TableSinkMain {
  private static final Logger LOG = LoggerFactory.getLogger(TableSinkMain.class);
  private static final String ENV_PREFIX = "SINK_";

  private TableSinkMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Map<String, String> settings = new HashMap<>();
    if (args.length > 0) {
      Properties file = new Properties();
      try (Reader reader = Files.newBufferedReader(Path.of(args[0]))) {
        file.load(reader);
      }
      file.stringPropertyNames().forEach(name -> settings.put(name, file.getProperty(name)));
    }
    settings.putAll(fromEnvironment(System.getenv()));
    TableSink sink = new TableSink(TableSinkConfig.fromProperties(settings));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      sink.close();
      stopped.countDown();
    }, "table-sink-shutdown"));
    sink.start();
    while (sink.isRunning()) {
      Thread.sleep(1_000);
    }
    if (sink.failure().isPresent()) {
      LOG.error("Table sink failed; exiting so that it restarts from the tables' offsets");
      System.exit(1);
    }
    stopped.await();
  }

  /** {@code SINK_A_B__C=v} as {@code a.b-c=v}. */
  static Map<String, String> fromEnvironment(Map<String, String> environment) {
    Map<String, String> settings = new HashMap<>();
    environment.forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX)) {
        String key = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT)
            .replace("__", "-").replace('_', '.');
        settings.put(key, value);
      }
    });
    return settings;
  }
}
