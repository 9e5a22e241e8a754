package dev.listings.infra;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect distributed worker in this JVM, with exactly-once source support enabled and connectors found on the
 * classpath through {@code ServiceLoader}. Its state (configs, offsets, status) lives in Kafka topics, so a worker
 * started again against the same broker resumes where the last one stopped.
 */
public final class EmbeddedConnectWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedConnectWorker.class);
  public static final String GROUP_ID = "listings-connect";

  /** A connector's state and its tasks' states, as the REST API reports them. */
  public record ConnectorState(String connector, List<String> tasks, String trace) {
    public boolean running() {
      return "RUNNING".equals(connector) && !tasks.isEmpty() && tasks.stream().allMatch("RUNNING"::equals);
    }

    public boolean failed() {
      return "FAILED".equals(connector) || tasks.contains("FAILED");
    }
  }

  private final Connect<DistributedHerder> connect;
  private final URI restUrl;

  private EmbeddedConnectWorker(Connect<DistributedHerder> connect, URI restUrl) {
    this.connect = connect;
    this.restUrl = restUrl;
  }

  /**
   * Starts a worker on {@code bootstrapServers} with its REST API on {@code restPort} (0 or busy: any free port);
   * {@code overrides} replace or add worker settings.
   */
  public static EmbeddedConnectWorker start(
      String bootstrapServers, Path dataDir, int restPort, Map<String, String> overrides) throws IOException {
    Files.createDirectories(dataDir);
    int port = Ports.preferredOrFree(restPort);
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("group.id", GROUP_ID);
    props.put("config.storage.topic", "connect-configs");
    props.put("offset.storage.topic", "connect-offsets");
    props.put("status.storage.topic", "connect-status");
    props.put("config.storage.replication.factor", "1");
    props.put("offset.storage.replication.factor", "1");
    props.put("status.storage.replication.factor", "1");
    props.put("offset.storage.partitions", "5");
    props.put("status.storage.partitions", "1");
    props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("key.converter.schemas.enable", "false");
    props.put("value.converter.schemas.enable", "false");
    props.put("listeners", "http://localhost:" + port);
    props.put("rest.advertised.host.name", "localhost");
    props.put("plugin.discovery", "service_load");
    props.put("exactly.once.source.support", "enabled");
    props.put("offset.flush.interval.ms", "1000");
    props.put("scheduled.rebalance.max.delay.ms", "0");
    props.put("task.shutdown.graceful.timeout.ms", "10000");
    props.putAll(overrides);

    ClassLoader callerLoader = Thread.currentThread().getContextClassLoader();
    Connect<DistributedHerder> connect;
    try {
      connect = new ConnectDistributed().startConnect(props);
    } finally {
      // Connect swaps the context class loader for plugin isolation; the host keeps its own.
      Thread.currentThread().setContextClassLoader(callerLoader);
    }
    URI url = URI.create("http://localhost:" + port + "/");
    LOG.info("Kafka Connect worker up, REST at {}", url);
    return new EmbeddedConnectWorker(connect, url);
  }

  /** Creates the connector, or replaces its configuration, and waits until it and its tasks run. */
  public void createOrReplaceConnector(String name, Map<String, String> config) {
    Map<String, String> named = new HashMap<>(config);
    named.put("name", name);
    FutureCallback<Herder.Created<ConnectorInfo>> done = new FutureCallback<>();
    connect.herder().putConnectorConfig(name, named, true, done);
    try {
      done.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot create connector " + name + ": " + rootMessage(e), e);
    }
    awaitRunning(name);
  }

  private void awaitRunning(String name) {
    long deadline = System.currentTimeMillis() + 60_000;
    ConnectorState state = null;
    while (System.currentTimeMillis() < deadline) {
      try {
        state = connectorState(name);
        if (state.running()) {
          return;
        }
        if (state.failed()) {
          throw new IllegalStateException("Connector " + name + " failed: " + state.trace());
        }
      } catch (RuntimeException notYetKnown) {
        if (notYetKnown instanceof IllegalStateException) {
          throw notYetKnown;
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for connector " + name, e);
      }
    }
    throw new IllegalStateException("Connector " + name + " is not running after 60 s: " + state);
  }

  /** The connector's current state and its tasks' states. */
  public ConnectorState connectorState(String name) {
    ConnectorStateInfo info = connect.herder().connectorStatus(name);
    List<String> tasks = info.tasks().stream().map(ConnectorStateInfo.AbstractState::state).toList();
    String trace = info.connector().trace();
    for (ConnectorStateInfo.TaskState task : info.tasks()) {
      if (task.trace() != null) {
        trace = task.trace();
      }
    }
    return new ConnectorState(info.connector().state(), tasks, trace);
  }

  public URI restUrl() {
    return restUrl;
  }

  @Override
  public void close() {
    connect.stop();
    connect.awaitStop();
    LOG.info("Kafka Connect worker stopped");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
