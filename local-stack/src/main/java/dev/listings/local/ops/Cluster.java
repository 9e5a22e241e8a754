package dev.listings.local.ops;

import dev.listings.local.stack.Endpoints;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How to reach a Kafka cluster: bootstrap servers plus client properties (the {@code --command-config} file, e.g.
 * {@code security.protocol=SASL_SSL} and the MSK IAM settings), applied to every admin, consumer, producer and
 * Kafka Streams client the operations create.
 *
 * @param commandConfig the properties file the client settings came from, or null
 */
public record Cluster(String bootstrapServers, Map<String, Object> clientConfig, Path commandConfig, String source) {
  public static final String DEFAULT_BOOTSTRAP = "localhost:9092";

  public Cluster {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new OpsException("No Kafka bootstrap servers given");
    }
    clientConfig = Map.copyOf(clientConfig);
  }

  /** A cluster with no client settings beyond the bootstrap servers. */
  public static Cluster of(String bootstrapServers) {
    return new Cluster(bootstrapServers, Map.of(), null, "given");
  }

  /**
   * The cluster to use: {@code bootstrapOption} when given, else the local stack's endpoints file in {@code stateDir}
   * when present, else {@value #DEFAULT_BOOTSTRAP}; with the client properties of {@code commandConfig} when given.
   */
  public static Cluster resolve(String bootstrapOption, Path commandConfig, Path stateDir) {
    Map<String, Object> config = commandConfig == null ? Map.of() : load(commandConfig);
    if (bootstrapOption != null && !bootstrapOption.isBlank()) {
      return new Cluster(bootstrapOption.trim(), config, commandConfig, "--bootstrap-servers");
    }
    Object fromConfig = config.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    if (fromConfig != null && !fromConfig.toString().isBlank()) {
      return new Cluster(fromConfig.toString().trim(), config, commandConfig, commandConfig.toString());
    }
    return localEndpoints(stateDir)
        .filter(e -> e.kafkaBootstrapServers() != null)
        .map(e -> new Cluster(e.kafkaBootstrapServers(), config, commandConfig,
            stateDir.resolve(Endpoints.FILE_NAME).toString()))
        .orElseGet(() -> new Cluster(DEFAULT_BOOTSTRAP, config, commandConfig, "default"));
  }

  /** The endpoints of a local stack's state folder, if it has them. */
  public static Optional<Endpoints> localEndpoints(Path stateDir) {
    try {
      return Endpoints.readFrom(stateDir);
    } catch (IllegalArgumentException e) {
      throw new OpsException(e.getMessage(), e);
    }
  }

  static Map<String, Object> load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new OpsException("--command-config " + file + ": no such file");
    }
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      props.load(reader);
    } catch (IOException e) {
      throw new OpsException("--command-config " + file + " cannot be read: " + e.getMessage(), e);
    }
    Map<String, Object> config = new HashMap<>();
    props.forEach((k, v) -> config.put(k.toString(), v.toString().trim()));
    return config;
  }

  /** Client settings: the command config, then the bootstrap servers. */
  public Map<String, Object> common() {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  public Admin admin() {
    Map<String, Object> config = common();
    config.putIfAbsent(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
    config.putIfAbsent(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
    return Admin.create(config);
  }

  /** A consumer of committed data only, without a group (assign and seek) and without auto-commit. */
  public KafkaConsumer<byte[], byte[]> reader() {
    Map<String, Object> config = common();
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** A transactional producer, so everything one operation sends becomes visible at once or not at all. */
  public KafkaProducer<byte[], byte[]> transactionalProducer(String transactionalId) {
    Map<String, Object> config = common();
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Fails fast, with a message saying which cluster and where it came from, when the cluster cannot be reached. */
  public Cluster check() {
    Map<String, Object> config = common();
    config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    Admin admin = Admin.create(config);
    try {
      admin.describeCluster().nodes().get(6, java.util.concurrent.TimeUnit.SECONDS);
      return this;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      String why = e instanceof java.util.concurrent.TimeoutException || e.getCause() == null
          ? "no answer within 5 s" : String.valueOf(e.getCause().getMessage());
      throw new OpsException("Cannot reach Kafka at " + describe() + ": " + why
          + (source.equals("default") || source.endsWith(Endpoints.FILE_NAME)
              ? ". Is the local stack running (./pipeline demo --keep-running)? Otherwise give --bootstrap-servers."
              : ""));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpsException("Interrupted", e);
    } finally {
      admin.close(java.time.Duration.ZERO);
    }
  }

  /** One line saying which cluster this is and where that came from. */
  public String describe() {
    return bootstrapServers + " (" + source + (commandConfig == null ? "" : ", client settings " + commandConfig)
        + ")";
  }
}
