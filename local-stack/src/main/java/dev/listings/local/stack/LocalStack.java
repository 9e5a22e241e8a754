package dev.listings.local.stack;

import dev.listings.infra.EmbeddedConnectWorker;
import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.infra.EmbeddedS3;
import dev.listings.infra.registry.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on one machine: a KRaft Kafka broker, S3Proxy, the schema registry and a Kafka Connect worker
 * (the embedded infrastructure), running the production connector, the cleaner and use-case topologies and the table
 * sink. Closing it stops everything in reverse order of start, exactly once, from whichever thread asks first: the
 * command that owns it or a shutdown hook (Ctrl-C). Closing it while it starts (from another thread) stops what has
 * started, lets the step in progress finish and stops that part too, and makes {@link #start(Consumer)} fail with
 * {@link StoppedWhileStarting}.
 */
public final class LocalStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

  /** How long a close from another thread waits for the start step in progress (e.g. the broker) to finish. */
  private static final Duration STEP_WAIT = Duration.ofSeconds(30);

  private final StackOptions options;
  /** Parts started so far, newest first; guarded by {@code this}. */
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private boolean closed; // guarded by this
  private volatile Thread starter;
  private final CountDownLatch startEnded = new CountDownLatch(1);
  private volatile Endpoints endpoints;
  private volatile StreamsApps apps;
  private volatile TableSinkRunner sink;

  private LocalStack(StackOptions options) {
    this.options = options;
  }

  /** Starts every part, reporting each step to {@code progress}; on failure, what started is stopped again. */
  public static LocalStack start(StackOptions options, Consumer<String> progress) throws Exception {
    LocalStack stack = create(options);
    stack.start(progress);
    return stack;
  }

  /**
   * A stack not started yet: hand it to whoever must be able to stop it (a shutdown hook) before calling {@link
   * #start(Consumer)}, so that an interrupt during the start stops what has started.
   */
  public static LocalStack create(StackOptions options) {
    return new LocalStack(options);
  }

  /**
   * Starts every part, reporting each step to {@code progress}; on failure, what started is stopped again.
   *
   * @throws StoppedWhileStarting when {@link #close()} was called before the start completed
   */
  public void start(Consumer<String> progress) throws Exception {
    synchronized (this) {
      if (starter != null || startEnded.getCount() == 0) {
        throw new IllegalStateException("The local stack was started already");
      }
      starter = Thread.currentThread();
    }
    try {
      if (isClosed()) {
        throw new StoppedWhileStarting();
      }
      startAll(progress);
    } catch (Exception | Error e) {
      stopParts();
      if (isClosed() && !(e instanceof StoppedWhileStarting)) {
        // a part failed because the stack was being stopped under it: report the stop, not the symptom
        throw new StoppedWhileStarting(e);
      }
      throw e;
    } finally {
      starter = null;
      startEnded.countDown();
    }
  }

  private void startAll(Consumer<String> progress) throws Exception {
    progress.accept("starting Kafka (KRaft)");
    EmbeddedKafkaBroker broker = remember(EmbeddedKafkaBroker.start(options.dir("kafka"), options.kafkaPort()));
    String bootstrap = broker.bootstrapServers();
    PipelineTopics.createAll(broker, options.partitions());

    progress.accept("starting S3 (S3Proxy)");
    EmbeddedS3 s3 = remember(EmbeddedS3.start(options.dir("s3"), options.s3Port()));
    s3.createBucket(StackOptions.LANDING_BUCKET);
    s3.createBucket(StackOptions.WAREHOUSE_BUCKET);

    progress.accept("starting the schema registry");
    EmbeddedSchemaRegistry registry = remember(EmbeddedSchemaRegistry.start(bootstrap, options.registryPort()));

    endpoints =
        new Endpoints(
            bootstrap,
            registry.url(),
            null,
            s3.endpoint().toString(),
            s3.accessKey(),
            s3.secretKey(),
            s3.region(),
            StackOptions.LANDING_BUCKET,
            "s3://" + StackOptions.WAREHOUSE_BUCKET + "/warehouse",
            "jdbc:sqlite:" + options.dir("catalog").resolve("catalog.db").toAbsolutePath());

    progress.accept("starting the cleaner and use-case apps (Kafka Streams)");
    apps = remember(StreamsApps.start(endpoints, options));

    if (options.tableSink()) {
      progress.accept("starting the table sink (Iceberg)");
      sink = remember(TableSinkRunner.start(endpoints, options));
    }

    progress.accept("starting Kafka Connect with the S3 landing connector");
    EmbeddedConnectWorker connect =
        remember(EmbeddedConnectWorker.start(bootstrap, options.dir("connect"), options.connectPort(),
            Map.of("producer.batch.size", Integer.toString(StackOptions.PRODUCER_BATCH_BYTES))));
    connect.createOrReplaceConnector(LandingConnector.NAME, LandingConnector.config(endpoints));
    endpoints =
        new Endpoints(
            endpoints.kafkaBootstrapServers(),
            endpoints.schemaRegistryUrl(),
            connect.restUrl().toString(),
            endpoints.s3Endpoint(),
            endpoints.s3AccessKey(),
            endpoints.s3SecretKey(),
            endpoints.s3Region(),
            endpoints.landingBucket(),
            endpoints.warehouse(),
            endpoints.catalogUri());
    endpoints.writeTo(options.stateDir());
  }

  /** Keeps a just-started part for {@link #close()}; a part that comes up after the close is stopped at once. */
  private <T extends AutoCloseable> T remember(T part) throws StoppedWhileStarting {
    synchronized (this) {
      if (!closed) {
        started.push(part);
        return part;
      }
    }
    stopQuietly(part);
    throw new StoppedWhileStarting();
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  public StackOptions options() {
    return options;
  }

  public StreamsApps apps() {
    return apps;
  }

  /** The table sink; a stack started {@link StackOptions#withoutTableSink() without it} has none. */
  public TableSinkRunner sink() {
    if (!options.tableSink()) {
      throw new IllegalStateException("This local stack runs without the table sink");
    }
    return sink;
  }

  /**
   * Stops every part in reverse order of start. Safe to call more than once and from several threads: later calls
   * return once the first one has stopped everything.
   */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    Thread startingThread = starter;
    if (startingThread != null && startingThread != Thread.currentThread()) {
      // the start step in progress (a broker or worker coming up) is stopped by the starting thread itself
      try {
        if (!startEnded.await(STEP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          LOG.warn("The local stack was still starting {} after the stop request; stopping what is up", STEP_WAIT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    stopParts();
  }

  /** Serialised, so that a second caller waits for the first to finish and parts stop in the right order. */
  private synchronized void stopParts() {
    while (!started.isEmpty()) {
      stopQuietly(started.pop());
    }
  }

  private static void stopQuietly(AutoCloseable part) {
    try {
      part.close();
    } catch (Exception e) {
      LOG.warn("Stopping {} failed", part.getClass().getSimpleName(), e);
    }
  }

  /** Wipes a state directory, for {@code --fresh} and a finished run; files already gone are fine. */
  public static void wipe(Path stateDir) throws IOException {
    if (!Files.exists(stateDir)) {
      return;
    }
    try (var paths = Files.walk(stateDir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.delete(path);
        } catch (NoSuchFileException e) {
          // removed meanwhile (a part still shutting down cleans its own files): what matters is that it is gone
        }
      }
    } catch (java.io.UncheckedIOException e) {
      if (!(e.getCause() instanceof NoSuchFileException)) {
        throw e.getCause();
      }
      wipe(stateDir); // a folder vanished under the walk: walk again what is left
    }
  }

  /** {@link #close()} was called before the start completed (e.g. Ctrl-C while the stack came up). */
  public static final class StoppedWhileStarting extends Exception {
    StoppedWhileStarting() {
      super("The local stack was stopped while it started");
    }

    StoppedWhileStarting(Throwable cause) {
      super("The local stack was stopped while it started", cause);
    }
  }
}
