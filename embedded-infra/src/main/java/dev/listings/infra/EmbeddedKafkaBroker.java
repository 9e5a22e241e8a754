package dev.listings.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker in KRaft combined mode (broker and controller in one node), in this JVM. Its data directory
 * survives a restart: a directory that is already formatted keeps its cluster id, topics and records; a new one
 * becomes a new cluster. Sized for one machine: replication factor 1 everywhere, few internal partitions, small
 * buffers. Kafka's requests to exit or halt the JVM on a fault are logged and refused, so a broker fault never
 * ends the JVM that hosts it.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final int START_ATTEMPTS = 3;

  static {
    KafkaExit.redirect();
  }

  private final KafkaRaftServer server;
  private final Path logDir;
  private final String bootstrapServers;
  private final Admin admin;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafkaBroker(KafkaRaftServer server, Path logDir, String bootstrapServers) {
    this.server = server;
    this.logDir = logDir;
    this.bootstrapServers = bootstrapServers;
    Properties adminProps = new Properties();
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.admin = Admin.create(adminProps);
  }

  /**
   * Starts a broker storing its data under {@code dataDir}, listening on {@code port} on localhost (0, or a busy
   * port, means any free port; {@link #bootstrapServers()} tells which). Returns once the broker serves requests.
   */
  public static EmbeddedKafkaBroker start(Path dataDir, int port) throws IOException {
    Path logDir = dataDir.toAbsolutePath().resolve("log");
    Files.createDirectories(logDir);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(logDir);
    }
    IOException lastBindFailure = null;
    // A port found free can be taken by another process before Kafka binds it; then try other free ports.
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int brokerPort = Ports.preferredOrFree(attempt == 0 ? port : 0);
      int controllerPort = Ports.preferredOrFree(0);
      try {
        EmbeddedKafkaBroker broker = startOn(logDir, brokerPort, controllerPort);
        LOG.info("Kafka broker up at {} (data in {})", broker.bootstrapServers, logDir);
        return broker;
      } catch (PortTakenException e) {
        LOG.warn("Port taken while starting Kafka, trying another: {}", e.getMessage());
        lastBindFailure = e;
      }
    }
    throw lastBindFailure;
  }

  // Package-private so that a test can take the port away between the check and the bind.
  static EmbeddedKafkaBroker startOn(Path logDir, int brokerPort, int controllerPort) throws IOException {
    KafkaRaftServer server =
        new KafkaRaftServer(new KafkaConfig(config(logDir, brokerPort, controllerPort), false), Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException e) {
      server.shutdown();
      server.awaitShutdown();
      if (Ports.isBindFailure(e)) {
        throw new PortTakenException(e);
      }
      throw new IOException("Kafka broker failed to start: " + e.getMessage(), e);
    }
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, logDir, "localhost:" + brokerPort);
    try {
      broker.awaitReady();
    } catch (IOException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  static Properties config(Path logDir, int brokerPort, int controllerPort) {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", Integer.toString(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
    props.put("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
    props.put("controller.listener.names", "CONTROLLER");
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logDir.toString());
    props.put("auto.create.topics.enable", "false");
    props.put("num.partitions", "1");
    props.put("default.replication.factor", "1");
    props.put("min.insync.replicas", "1");
    props.put("offsets.topic.replication.factor", "1");
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("transaction.state.log.num.partitions", "5");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    props.put("share.coordinator.state.topic.num.partitions", "1");
    props.put("group.initial.rebalance.delay.ms", "0");
    props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
    props.put("log.cleaner.io.buffer.size", Integer.toString(256 * 1024));
    props.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "4");
    props.put("unclean.leader.election.enable", "false");
    return props;
  }

  private static void format(Path logDir) throws IOException {
    try {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8))
          .setClusterId(Uuid.randomUuid().toString())
          .setNodeId(NODE_ID)
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logDir.toString())
          .setDirectories(Set.of(logDir.toString()))
          .setReleaseVersion(MetadataVersion.latestProduction())
          .setUnstableFeatureVersionsEnabled(false)
          .run();
    } catch (Exception e) {
      throw new IOException("Cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
    }
  }

  private void awaitReady() throws IOException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      try {
        admin.describeCluster().nodes().get();
        admin.listTopics().names().get();
        return;
      } catch (ExecutionException e) {
        if (System.currentTimeMillis() > deadline) {
          throw new IOException("Kafka broker did not become ready: " + e.getCause().getMessage(), e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while waiting for the broker", e);
      }
      Sleeper.sleep(100);
    }
  }

  /** {@code localhost:<port>}, for clients' {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The cluster id kept in the data directory: the same across restarts on that directory. */
  public String clusterId() {
    Properties meta = new Properties();
    try (InputStream in = Files.newInputStream(logDir.resolve("meta.properties"))) {
      meta.load(in);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read meta.properties in " + logDir, e);
    }
    return meta.getProperty("cluster.id");
  }

  /** Creates a topic unless it exists already (an existing topic is left as it is). */
  public void createTopic(String name, int partitions, Map<String, String> configs) {
    try {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Cannot create topic " + name + ": " + e.getCause().getMessage(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topic " + name, e);
    }
  }

  /** An admin client for this broker, owned by the broker (do not close it). */
  public Admin admin() {
    return admin;
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    admin.close();
    server.shutdown();
    server.awaitShutdown();
    LOG.info("Kafka broker at {} stopped", bootstrapServers);
  }

  /** The chosen port was bound by someone else between the check and the broker's bind. */
  private static final class PortTakenException extends IOException {
    PortTakenException(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }
}
