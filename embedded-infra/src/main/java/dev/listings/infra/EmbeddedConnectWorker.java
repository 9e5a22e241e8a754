package dev.listings.infra;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.errors.NotFoundException;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect distributed worker in this JVM, with exactly-once source support enabled and connectors found on the
 * classpath through {@code ServiceLoader} (and in plugin folders under {@code <dataDir>/plugins}). Its state (configs,
 * offsets, status) lives in Kafka topics, so a worker started again against the same broker, for instance through
 * {@link #restart()}, resumes every connector where the last one stopped. Connectors are managed through the herder
 * rather than over HTTP, which also works where Connect's REST resources cannot serve (inside a JAX-RS application).
 */
public final class EmbeddedConnectWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedConnectWorker.class);
  public static final String GROUP_ID = "listings-connect";
  private static final long WAIT_MS = 60_000;

  static {
    KafkaExit.redirect();
  }

  /** A connector's state and its tasks' states (ordered by task id), as the status API reports them. */
  public record ConnectorState(String connector, List<String> tasks, String trace) {
    /** The connector and at least one task run, and no task is in another state. */
    public boolean running() {
      return "RUNNING".equals(connector) && !tasks.isEmpty() && tasks.stream().allMatch("RUNNING"::equals);
    }

    public boolean failed() {
      return "FAILED".equals(connector) || tasks.contains("FAILED");
    }
  }

  private final Connect<DistributedHerder> connect;
  private final ConnectorStatuses statuses;
  private final URI restUrl;
  private final String bootstrapServers;
  private final Path dataDir;
  private final Map<String, String> overrides;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedConnectWorker(
      Connect<DistributedHerder> connect,
      int joinedGeneration,
      String bootstrapServers,
      Path dataDir,
      Map<String, String> overrides) {
    this.connect = connect;
    this.statuses = new ConnectorStatuses(connect.herder(), joinedGeneration, WAIT_MS);
    this.restUrl = connect.rest().advertisedUrl();
    this.bootstrapServers = bootstrapServers;
    this.dataDir = dataDir;
    this.overrides = Map.copyOf(overrides);
  }

  /**
   * Starts a worker on {@code bootstrapServers} with its REST API on {@code restPort} of localhost (0, or a busy
   * port, means any free port; {@link #restUrl()} tells which) and returns once it has joined its group.
   * {@code overrides} replace or add worker settings (for example {@code group.id} and the storage topic names, to
   * run two independent workers on one broker).
   */
  public static EmbeddedConnectWorker start(
      String bootstrapServers, Path dataDir, int restPort, Map<String, String> overrides) throws IOException {
    Path pluginDir = dataDir.toAbsolutePath().resolve("plugins");
    Files.createDirectories(pluginDir);
    int wanted = restPort > 0 && Ports.isFree(restPort) ? restPort : 0;
    Map<String, String> props = WorkerSettings.of(bootstrapServers, pluginDir, wanted, overrides);
    Connect<DistributedHerder> connect;
    try {
      connect = startConnect(props);
    } catch (RuntimeException e) {
      if (wanted == 0 || !Ports.isBindFailure(e)) {
        throw new IOException("Kafka Connect worker failed to start: " + e.getMessage(), e);
      }
      LOG.warn("Port {} taken while starting Kafka Connect, using a free one", wanted);
      connect = startConnect(WorkerSettings.of(bootstrapServers, pluginDir, 0, overrides));
    }
    int joinedGeneration = awaitJoined(connect, bootstrapServers);
    EmbeddedConnectWorker worker =
        new EmbeddedConnectWorker(connect, joinedGeneration, bootstrapServers, dataDir, overrides);
    LOG.info("Kafka Connect worker up, REST at {}", worker.restUrl);
    return worker;
  }

  private static Connect<DistributedHerder> startConnect(Map<String, String> props) {
    ClassLoader callerLoader = Thread.currentThread().getContextClassLoader();
    try {
      return new ConnectDistributed().startConnect(props);
    } finally {
      // Connect swaps the context class loader for plugin isolation; the host keeps its own.
      Thread.currentThread().setContextClassLoader(callerLoader);
    }
  }

  /** Waits until the worker has joined its group once; returns that generation. */
  private static int awaitJoined(Connect<DistributedHerder> connect, String bootstrapServers) throws IOException {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (!connect.herder().isReady() || connect.herder().generation() <= 0) {
      if (connect.herderTask().isDone()
          || System.currentTimeMillis() > deadline
          || Thread.currentThread().isInterrupted()) {
        connect.stop();
        connect.awaitStop();
        throw new IOException("Kafka Connect worker did not join its group on " + bootstrapServers);
      }
      Sleeper.sleep(50);
    }
    return connect.herder().generation();
  }

  /**
   * Stops this worker and starts a new one with the same settings on the same data directory and broker, on the
   * same REST port when it is still free. Connectors, their configs and their offsets carry over.
   */
  public EmbeddedConnectWorker restart() throws IOException {
    close();
    return start(bootstrapServers, dataDir, restUrl.getPort(), overrides);
  }

  /**
   * Creates the connector, or replaces its configuration, and waits until it and its tasks run. A changed
   * configuration replaces the running instance (stopped first, its source offsets kept), so the running tasks are
   * the new configuration's once this returns; an unchanged configuration leaves the connector as it is.
   */
  public void createOrReplaceConnector(String name, Map<String, String> config) {
    Map<String, String> named = new HashMap<>(config);
    named.put("name", name);
    Map<String, String> current =
        connect.herder().connectors().contains(name) ? connect.herder().connectorInfo(name).config() : null;
    if (!named.equals(current)) {
      if (current != null) {
        await(name, "delete", done -> connect.herder().deleteConnectorConfig(name, done));
        statuses.awaitGone(name);
      }
      await(name, "create", done -> connect.herder().putConnectorConfig(name, named, false, done));
    }
    statuses.awaitRunning(name);
  }

  private static void await(
      String name, String action, Consumer<FutureCallback<Herder.Created<ConnectorInfo>>> request) {
    FutureCallback<Herder.Created<ConnectorInfo>> done = new FutureCallback<>();
    request.accept(done);
    try {
      done.get(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting to " + action + " connector " + name, e);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot " + action + " connector " + name + ": " + rootMessage(e), e);
    }
  }

  /**
   * Waits until the connector and its tasks run in this worker, as after a {@link #restart()}, and returns their
   * state.
   *
   * @throws IllegalStateException when the connector or a task fails, or nothing runs within 60 s
   */
  public ConnectorState awaitRunning(String name) {
    return statuses.awaitRunning(name);
  }

  /**
   * The connector's current state and its tasks' states.
   *
   * @throws NotFoundException when no connector of that name is known (yet)
   */
  public ConnectorState connectorState(String name) {
    return statuses.state(name);
  }

  /** The REST API's base URL, {@code http://localhost:<port>/}. */
  public URI restUrl() {
    return restUrl;
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    connect.stop();
    connect.awaitStop();
    LOG.info("Kafka Connect worker at {} stopped", restUrl);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
