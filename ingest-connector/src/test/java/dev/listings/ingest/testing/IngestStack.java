package dev.listings.ingest.testing;

import dev.listings.infra.EmbeddedConnectWorker;
import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.infra.EmbeddedS3;
import dev.listings.ingest.S3ListingsSourceConnector;
import dev.listings.ingest.discovery.S3ObjectRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The embedded infrastructure the connector runs on in integration tests and the benchmark: a KRaft broker, S3Proxy
 * with a landing bucket, and a Connect worker with exactly-once source support, plus an S3 client to upload with.
 */
public final class IngestStack implements AutoCloseable {
  public static final String BUCKET = "landing";

  private final Path dir;
  private final EmbeddedKafkaBroker broker;
  private final EmbeddedS3 s3;
  private final S3Client client;
  private EmbeddedConnectWorker worker;

  private IngestStack(Path dir, EmbeddedKafkaBroker broker, EmbeddedS3 s3, EmbeddedConnectWorker worker) {
    this.dir = dir;
    this.broker = broker;
    this.s3 = s3;
    this.worker = worker;
    this.client = S3Client.builder()
        .endpointOverride(s3.endpoint())
        .forcePathStyle(true)
        .region(Region.of(s3.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  public static IngestStack start(Path dir) throws IOException {
    return start(dir, true);
  }

  /** The broker and S3, and a Connect worker in this JVM when {@code withWorker}; {@link #startWorker()} adds one. */
  public static IngestStack start(Path dir, boolean withWorker) throws IOException {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
    EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve("s3"), 0);
    s3.createBucket(BUCKET);
    IngestStack stack = new IngestStack(dir, broker, s3, null);
    if (withWorker) {
      stack.startWorker();
    }
    return stack;
  }

  /** Starts a Connect worker in this JVM, in the same group as any other worker of this stack. */
  public EmbeddedConnectWorker startWorker() throws IOException {
    return startWorker(Map.of());
  }

  /** Starts a Connect worker in this JVM with {@code overrides} on top of the embedded worker's settings. */
  public EmbeddedConnectWorker startWorker(Map<String, String> overrides) throws IOException {
    if (worker != null) {
      throw new IllegalStateException("This stack runs a worker already");
    }
    worker = EmbeddedConnectWorker.start(broker.bootstrapServers(), connectDir(), 0, overrides);
    return worker;
  }

  /** The data folder of this stack's Connect workers. */
  public Path connectDir() {
    return dir.resolve("connect");
  }

  public EmbeddedKafkaBroker broker() {
    return broker;
  }

  public EmbeddedConnectWorker worker() {
    return worker;
  }

  public EmbeddedS3 s3() {
    return s3;
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** Stops the worker and starts another on the same Kafka state: connectors resume from their offsets. */
  public EmbeddedConnectWorker restartWorker() throws IOException {
    worker = worker.restart();
    return worker;
  }

  /**
   * Creates the connector's topics and returns its configuration: listing mode on {@code prefix}, exactly once, with
   * an offsets topic of its own.
   */
  public Map<String, String> connectorConfig(String topic, String auditTopic, String prefix) {
    broker.createTopic(topic, 2, Map.of("max.message.bytes", "2097152"));
    broker.createTopic(auditTopic, 1, Map.of());
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", S3ListingsSourceConnector.class.getName());
    config.put("tasks.max", "1");
    config.put("exactly.once.support", "required");
    // An offsets topic of its own, as recommended for exactly-once connectors (see the README).
    config.put("offsets.storage.topic", topic + "-offsets");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    config.put("header.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("s3.bucket", BUCKET);
    config.put("s3.prefixes", prefix);
    config.put("s3.endpoint", s3.endpoint().toString());
    config.put("s3.path.style.access", "true");
    config.put("aws.region", s3.region());
    config.put("aws.access.key.id", s3.accessKey());
    config.put("aws.secret.access.key", s3.secretKey());
    config.put("poll.interval.ms", "300");
    config.put("topic", topic);
    config.put("audit.topic", auditTopic);
    return config;
  }

  /** Uploads an object and returns its ETag (without quotes). */
  public String put(String key, byte[] data) {
    return put(key, data, null);
  }

  /**
   * Uploads {@code length} bytes that {@code content} produces (asked again whenever the client needs to re-read
   * them), without holding them in memory; returns the ETag.
   */
  public String put(String key, Supplier<InputStream> content, long length) {
    PutObjectRequest request = PutObjectRequest.builder().bucket(BUCKET).key(key).build();
    RequestBody body = RequestBody.fromContentProvider(content::get, length, "application/x-ndjson");
    return S3ObjectRef.normalizeEtag(client.putObject(request, body).eTag());
  }

  public String put(String key, byte[] data, String contentEncoding) {
    PutObjectRequest request = PutObjectRequest.builder().bucket(BUCKET).key(key).contentEncoding(contentEncoding)
        .build();
    return S3ObjectRef.normalizeEtag(client.putObject(request, RequestBody.fromBytes(data)).eTag());
  }

  public S3Client client() {
    return client;
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    client.close();
    if (worker != null) {
      worker.close();
    }
    s3.close();
    broker.close();
  }
}
