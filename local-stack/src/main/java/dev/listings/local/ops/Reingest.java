package dev.listings.local.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.infra.TopicPartitions;
import dev.listings.local.stack.LandingConnector;
import dev.listings.schemas.Topics;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Re-ingests the objects under an S3 prefix last modified within a time range. The connector skips an object version
 * it has ingested already (its source offsets say so), so a re-ingest runs a new instance of the landing connector
 * under a fresh name (fresh source offsets), in listing mode, limited to the prefix and to exactly the selected keys
 * (an include pattern of the quoted keys). It writes to backfill topics ({@code backfill.<name>.listings.raw.v1} and
 * {@code backfill.<name>.ingest.audit.v1}) unless told to write to the production ones, waits until every selected
 * object has its audit event, and removes the connector.
 */
public final class Reingest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String CONNECTOR_PREFIX = "s3-reingest-";
  private static final Duration NEW_TOPIC_TIMEOUT = Duration.ofSeconds(30);

  /** Where the landing bucket is and how to reach it (static keys for local stores; else the SDK's default chain). */
  public record S3Access(String endpoint, String accessKey, String secretKey, String region) {
    public S3Client client() {
      S3ClientBuilder builder = S3Client.builder().httpClient(UrlConnectionHttpClient.create());
      if (endpoint != null) {
        builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
      }
      if (region != null) {
        builder.region(Region.of(region));
      }
      builder.credentialsProvider(accessKey != null && secretKey != null
          ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
          : DefaultCredentialsProvider.builder().build());
      return builder.build();
    }
  }

  /**
   * What to re-ingest.
   *
   * @param from earliest last-modified time (inclusive), or null
   * @param to latest last-modified time (exclusive), or null
   * @param intoMain write to the production raw and audit topics rather than to backfill topics
   * @param template the connector whose configuration the re-ingest copies (credentials, formats, caps)
   */
  public record Spec(String name, String bucket, String prefix, Instant from, Instant to, boolean intoMain,
      String template, Duration timeout, boolean keepConnector) {
    public Spec {
      if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
        throw new OpsException("--name '" + name + "': use letters, digits, '.', '_' or '-' (at most 64)");
      }
      if (prefix == null) {
        throw new OpsException("--prefix is required (use \"\" for the whole bucket)");
      }
      if (from != null && to != null && !from.isBefore(to)) {
        throw new OpsException("--from " + from + " must be before --to " + to);
      }
    }

    public String connector() {
      return CONNECTOR_PREFIX + name;
    }

    public String rawTopic() {
      return intoMain ? Topics.RAW : "backfill." + name + "." + Topics.RAW;
    }

    public String auditTopic() {
      return intoMain ? Topics.INGEST_AUDIT : "backfill." + name + "." + Topics.INGEST_AUDIT;
    }
  }

  /** A selected object version. */
  public record Selected(String key, String etag, long size, Instant lastModified) {}

  /** What the re-ingest did: per selected key, the audit event's lines and status. */
  public record Outcome(List<Selected> selected, Map<String, JsonNode> audits, String rawTopic, String auditTopic) {
    public long lines() {
      return audits.values().stream().mapToLong(a -> a.path("lines").asLong()).sum();
    }

    public long failed() {
      return audits.values().stream().filter(a -> "failed".equals(a.path("status").asText())).count();
    }
  }

  private Reingest() {}

  /** The objects under {@code prefix} whose last-modified time is in [from, to), folder markers left out. */
  public static List<Selected> select(S3Client s3, String bucket, String prefix, Instant from, Instant to) {
    List<Selected> selected = new ArrayList<>();
    ListObjectsV2Request request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build();
    for (S3Object object : s3.listObjectsV2Paginator(request).contents()) {
      Instant modified = object.lastModified();
      if (object.key().endsWith("/") || (from != null && modified.isBefore(from))
          || (to != null && !modified.isBefore(to))) {
        continue;
      }
      selected.add(new Selected(object.key(), unquote(object.eTag()), object.size(), modified));
    }
    return selected;
  }

  /** Whole-key pattern matching exactly the selected keys. */
  static String includePattern(List<Selected> selected) {
    List<String> quoted = selected.stream().map(s -> Pattern.quote(s.key())).toList();
    return quoted.size() == 1 ? quoted.get(0) : "(?:" + String.join("|", quoted) + ")";
  }

  /** The re-ingest connector's configuration: the template's, restricted to the selection and pointed at the topics. */
  static Map<String, String> connectorConfig(Map<String, String> template, Spec spec, List<Selected> selected) {
    Map<String, String> config = new LinkedHashMap<>(template);
    config.remove("name");
    config.keySet().removeIf(k -> k.startsWith("sqs."));
    config.put("s3.bucket", spec.bucket());
    config.put("discovery.mode", "listing");
    config.put("s3.prefixes", spec.prefix());
    config.put("include.pattern", includePattern(selected));
    config.put("exclude.pattern", "");
    config.put("topic", spec.rawTopic());
    config.put("audit.topic", spec.auditTopic());
    if (config.containsKey("offsets.storage.topic")) {
      // An exactly-once connector with its own offsets topic: the re-ingest gets one of its own too.
      config.put("offsets.storage.topic", "backfill." + spec.name() + ".connect-offsets");
    }
    return config;
  }

  /** A landing-connector configuration for when no template connector exists (the local stack's settings). */
  public static Map<String, String> defaultTemplate(S3Access s3, String bucket) {
    Map<String, String> config =
        LandingConnector.common(bucket, s3.endpoint(), s3.region(), s3.accessKey(), s3.secretKey());
    config.put("poll.interval.ms", "1000");
    return config;
  }

  /**
   * Runs the re-ingest: creates the backfill topics, the connector, waits for every selected object's audit event,
   * and removes the connector (unless kept).
   *
   * @param template the template connector's configuration (see {@link #defaultTemplate})
   */
  public static Outcome run(Cluster cluster, ConnectRest connect, Spec spec, Map<String, String> template,
      List<Selected> selected, Consumer<String> progress) {
    if (selected.isEmpty()) {
      throw new OpsException("No object under s3://" + spec.bucket() + "/" + spec.prefix() + " was modified in the "
          + "given range; nothing to re-ingest");
    }
    if (connect.exists(spec.connector())) {
      throw new OpsException("Connector " + spec.connector() + " exists already: a re-ingest named " + spec.name()
          + " is running or was kept; delete it or choose another --name");
    }
    Map<TopicPartition, Long> auditStart = prepareTopics(cluster, spec);
    connect.put(spec.connector(), connectorConfig(template, spec, selected));
    Map<String, Selected> wanted = new LinkedHashMap<>();
    selected.forEach(s -> wanted.put(s.key(), s));
    Map<String, JsonNode> audits = new LinkedHashMap<>();
    long deadline = System.nanoTime() + spec.timeout().toNanos();
    ProgressBar.Rate rate = new ProgressBar.Rate();
    boolean done = false;
    try (KafkaConsumer<byte[], byte[]> consumer = cluster.reader()) {
      consumer.assign(auditStart.keySet());
      auditStart.forEach(consumer::seek);
      while (System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          JsonNode audit = parse(record.value());
          String key = audit.path("key").asText();
          if (spec.bucket().equals(audit.path("bucket").asText()) && wanted.containsKey(key)) {
            audits.put(key, audit);
          }
        }
        long lines = audits.values().stream().mapToLong(a -> a.path("lines").asLong()).sum();
        progress.accept(ProgressBar.render(audits.size(), wanted.size(), rate.update(audits.size(),
            System.currentTimeMillis()), "objects", 30) + String.format("  %,d lines", lines));
        if (audits.size() == wanted.size()) {
          done = true;
          break;
        }
        Optional<String> failure = connect.failure(spec.connector());
        if (failure.isPresent()) {
          throw new OpsException("The re-ingest connector " + spec.connector() + " failed (left in place to inspect): "
              + failure.get());
        }
      }
    }
    if (!done) {
      throw new OpsException("Timed out after " + spec.timeout() + " with " + audits.size() + " of " + wanted.size()
          + " objects re-ingested; connector " + spec.connector() + " left running");
    }
    if (!spec.keepConnector()) {
      connect.delete(spec.connector());
    }
    return new Outcome(selected, audits, spec.rawTopic(), spec.auditTopic());
  }

  /** Creates the backfill topics when missing; returns where to start reading the audit topic. */
  private static Map<TopicPartition, Long> prepareTopics(Cluster cluster, Spec spec) {
    try (Admin admin = cluster.admin()) {
      var existing = admin.listTopics().names().get();
      if (!spec.intoMain()) {
        if (existing.contains(spec.rawTopic())) {
          throw new OpsException("Topic " + spec.rawTopic() + " exists already: re-ingest name " + spec.name()
              + " was used before; choose another --name");
        }
        int partitions = existing.contains(Topics.RAW)
            ? ResetPlanner.partitions(admin, List.of(Topics.RAW)).size() : 1;
        admin.createTopics(List.of(
            new NewTopic(spec.rawTopic(), Optional.of(partitions), Optional.empty()),
            new NewTopic(spec.auditTopic(), Optional.of(1), Optional.empty()))).all().get();
        // Created means the controller has them; the broker answering next may learn of them a moment later.
        TopicPartitions.describeOnceKnown(admin, spec.rawTopic(), NEW_TOPIC_TIMEOUT);
        TopicPartitions.describeOnceKnown(admin, spec.auditTopic(), NEW_TOPIC_TIMEOUT);
      }
      List<TopicPartition> audit = ResetPlanner.partitions(admin, List.of(spec.auditTopic()));
      return ResetPlanner.offsets(admin, audit, org.apache.kafka.clients.admin.OffsetSpec.latest());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpsException("Interrupted", e);
    } catch (ExecutionException e) {
      throw new OpsException("Preparing the re-ingest topics failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new OpsException("The re-ingest topics were created but not described within " + NEW_TOPIC_TIMEOUT, e);
    }
  }

  private static JsonNode parse(byte[] value) {
    try {
      return value == null ? JSON.createObjectNode() : JSON.readTree(value);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  static String unquote(String etag) {
    return etag == null ? null : etag.replace("\"", "");
  }
}
