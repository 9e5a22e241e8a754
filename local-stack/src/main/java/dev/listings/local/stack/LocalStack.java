package dev.listings.local.stack;

import dev.listings.infra.EmbeddedConnectWorker;
import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.infra.EmbeddedS3;
import dev.listings.infra.registry.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on one machine: a KRaft Kafka broker, S3Proxy, the schema registry and a Kafka Connect worker
 * (the embedded infrastructure), running the production connector, the cleaner and use-case topologies and the table
 * sink. Closing it stops everything in reverse order of start.
 */
public final class LocalStack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

  private final StackOptions options;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private Endpoints endpoints;
  private StreamsApps apps;
  private TableSinkRunner sink;

  private LocalStack(StackOptions options) {
    this.options = options;
  }

  /** Starts every part, reporting each step to {@code progress}; on failure, what started is stopped again. */
  public static LocalStack start(StackOptions options, Consumer<String> progress) throws Exception {
    LocalStack stack = new LocalStack(options);
    try {
      stack.startAll(progress);
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
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

    progress.accept("starting the table sink (Iceberg)");
    sink = remember(TableSinkRunner.start(endpoints, options));

    progress.accept("starting Kafka Connect with the S3 landing connector");
    EmbeddedConnectWorker connect =
        remember(EmbeddedConnectWorker.start(bootstrap, options.dir("connect"), options.connectPort(), Map.of()));
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

  private <T extends AutoCloseable> T remember(T part) {
    started.push(part);
    return part;
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

  public TableSinkRunner sink() {
    return sink;
  }

  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("Stopping {} failed", part.getClass().getSimpleName(), e);
      }
    }
  }

  /** Wipes a state directory, for {@code --fresh}. */
  public static void wipe(java.nio.file.Path stateDir) throws IOException {
    if (!java.nio.file.Files.exists(stateDir)) {
      return;
    }
    try (var paths = java.nio.file.Files.walk(stateDir)) {
      for (var path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(path);
      }
    }
  }
}
