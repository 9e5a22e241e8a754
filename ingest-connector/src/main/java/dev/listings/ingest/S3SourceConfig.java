package dev.listings.ingest;

import dev.listings.ingest.config.ConfigChecks;
import dev.listings.ingest.config.DiscoveryMode;
import dev.listings.ingest.read.SourceFormat;
import dev.listings.schemas.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The connector's configuration: where the objects are (bucket, prefixes, endpoint, credentials), how new objects are
 * discovered (listing or SQS events), how they are read (formats, line cap) and where the records go. Every key has a
 * type, a validator and a doc string; keys that only make sense together are checked together in the constructor,
 * which throws a {@link ConfigException} with a plain-English message.
 */
public class S3SourceConfig extends AbstractConfig {
  public static final String S3_BUCKET_CONFIG = "s3.bucket";
  public static final String S3_PREFIXES_CONFIG = "s3.prefixes";
  public static final String S3_PREFIXES_DEFAULT = "";
  public static final String S3_ENDPOINT_CONFIG = "s3.endpoint";
  public static final String S3_PATH_STYLE_ACCESS_CONFIG = "s3.path.style.access";
  public static final boolean S3_PATH_STYLE_ACCESS_DEFAULT = false;
  public static final String AWS_REGION_CONFIG = "aws.region";
  public static final String AWS_ACCESS_KEY_ID_CONFIG = "aws.access.key.id";
  public static final String AWS_SECRET_ACCESS_KEY_CONFIG = "aws.secret.access.key";

  public static final String DISCOVERY_MODE_CONFIG = "discovery.mode";
  public static final String DISCOVERY_MODE_DEFAULT = DiscoveryMode.LISTING.configValue();
  public static final String SQS_QUEUE_URL_CONFIG = "sqs.queue.url";
  public static final String SQS_ENDPOINT_CONFIG = "sqs.endpoint";
  public static final String SQS_VISIBILITY_TIMEOUT_SECONDS_CONFIG = "sqs.visibility.timeout.seconds";
  public static final int SQS_VISIBILITY_TIMEOUT_SECONDS_DEFAULT = 300;
  public static final String INCLUDE_PATTERN_CONFIG = "include.pattern";
  public static final String INCLUDE_PATTERN_DEFAULT = ".*";
  public static final String EXCLUDE_PATTERN_CONFIG = "exclude.pattern";
  public static final String EXCLUDE_PATTERN_DEFAULT = "";
  public static final String POLL_INTERVAL_MS_CONFIG = "poll.interval.ms";
  public static final long POLL_INTERVAL_MS_DEFAULT = 5_000L;

  public static final String FORMAT_DEFAULT_CONFIG = "format.default";
  public static final String FORMAT_DEFAULT_DEFAULT = SourceFormat.JSONL.headerValue();
  public static final String CSV_SEPARATOR_CONFIG = "csv.separator";
  public static final String CSV_SEPARATOR_DEFAULT = ",";
  public static final String LINE_MAX_BYTES_CONFIG = "line.max.bytes";
  public static final int LINE_MAX_BYTES_DEFAULT = 1024 * 1024;

  public static final String TOPIC_CONFIG = "topic";
  public static final String TOPIC_DEFAULT = Topics.RAW;
  public static final String AUDIT_TOPIC_CONFIG = "audit.topic";
  public static final String AUDIT_TOPIC_DEFAULT = Topics.INGEST_AUDIT;
  public static final String BATCH_MAX_RECORDS_CONFIG = "batch.max.records";
  public static final int BATCH_MAX_RECORDS_DEFAULT = 10_000;
  public static final String BATCH_MAX_BYTES_CONFIG = "batch.max.bytes";
  public static final int BATCH_MAX_BYTES_DEFAULT = 16 * 1024 * 1024;

  public static final String RETRY_MAX_ATTEMPTS_CONFIG = "retry.max.attempts";
  public static final int RETRY_MAX_ATTEMPTS_DEFAULT = 10;
  public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
  public static final long RETRY_BACKOFF_MS_DEFAULT = 1_000L;
  public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "retry.backoff.max.ms";
  public static final long RETRY_BACKOFF_MAX_MS_DEFAULT = 60_000L;

  private static final String S3_GROUP = "S3";
  private static final String DISCOVERY_GROUP = "Discovery";
  private static final String READING_GROUP = "Reading";
  private static final String OUTPUT_GROUP = "Output";
  private static final String RETRY_GROUP = "Retries";

  public static final ConfigDef CONFIG_DEF = ConfigKeys.define(new ConfigDef());

  public S3SourceConfig(Map<?, ?> props) {
    this(CONFIG_DEF, props);
  }

  protected S3SourceConfig(ConfigDef definition, Map<?, ?> props) {
    this(definition, props, true);
  }

  /** With {@code checkAcrossKeys} false, for validation that reports each problem on its own key. */
  S3SourceConfig(ConfigDef definition, Map<?, ?> props, boolean checkAcrossKeys) {
    super(definition, props, checkAcrossKeys);
    List<ConfigChecks.Problem> problems = checkAcrossKeys ? ConfigChecks.crossFieldProblems(this) : List.of();
    if (!problems.isEmpty()) {
      throw new ConfigException(
          String.join(" ", problems.stream().map(ConfigChecks.Problem::message).toList()));
    }
  }

  public String bucket() {
    return getString(S3_BUCKET_CONFIG).trim();
  }

  /** Key prefixes to watch; one empty prefix (the whole bucket) when none is configured. */
  public List<String> prefixes() {
    List<String> prefixes = getList(S3_PREFIXES_CONFIG).stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
    return prefixes.isEmpty() ? List.of("") : prefixes;
  }

  public Optional<URI> s3Endpoint() {
    return optionalUri(S3_ENDPOINT_CONFIG);
  }

  public boolean pathStyleAccess() {
    return getBoolean(S3_PATH_STYLE_ACCESS_CONFIG);
  }

  public Optional<String> region() {
    return optionalString(AWS_REGION_CONFIG);
  }

  public Optional<String> accessKeyId() {
    return optionalString(AWS_ACCESS_KEY_ID_CONFIG);
  }

  public Optional<String> secretAccessKey() {
    Password secret = getPassword(AWS_SECRET_ACCESS_KEY_CONFIG);
    return secret == null || secret.value().isBlank() ? Optional.empty() : Optional.of(secret.value());
  }

  public DiscoveryMode discoveryMode() {
    return DiscoveryMode.fromConfig(getString(DISCOVERY_MODE_CONFIG));
  }

  public Optional<String> sqsQueueUrl() {
    return optionalString(SQS_QUEUE_URL_CONFIG);
  }

  public Optional<URI> sqsEndpoint() {
    return optionalUri(SQS_ENDPOINT_CONFIG);
  }

  public int sqsVisibilityTimeoutSeconds() {
    return getInt(SQS_VISIBILITY_TIMEOUT_SECONDS_CONFIG);
  }

  public Pattern includePattern() {
    return Pattern.compile(getString(INCLUDE_PATTERN_CONFIG));
  }

  /** Empty when nothing is excluded. */
  public Optional<Pattern> excludePattern() {
    return optionalString(EXCLUDE_PATTERN_CONFIG).map(Pattern::compile);
  }

  public Duration pollInterval() {
    return Duration.ofMillis(getLong(POLL_INTERVAL_MS_CONFIG));
  }

  public SourceFormat defaultFormat() {
    return SourceFormat.fromConfig(getString(FORMAT_DEFAULT_CONFIG));
  }

  public char csvSeparator() {
    return getString(CSV_SEPARATOR_CONFIG).charAt(0);
  }

  public int lineMaxBytes() {
    return getInt(LINE_MAX_BYTES_CONFIG);
  }

  public String topic() {
    return getString(TOPIC_CONFIG).trim();
  }

  public String auditTopic() {
    return getString(AUDIT_TOPIC_CONFIG).trim();
  }

  public int batchMaxRecords() {
    return getInt(BATCH_MAX_RECORDS_CONFIG);
  }

  public int batchMaxBytes() {
    return getInt(BATCH_MAX_BYTES_CONFIG);
  }

  public int retryMaxAttempts() {
    return getInt(RETRY_MAX_ATTEMPTS_CONFIG);
  }

  public Duration retryBackoff() {
    return Duration.ofMillis(getLong(RETRY_BACKOFF_MS_CONFIG));
  }

  public Duration retryBackoffMax() {
    return Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS_CONFIG));
  }

  private Optional<String> optionalString(String key) {
    String value = getString(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  private Optional<URI> optionalUri(String key) {
    return optionalString(key).map(URI::create);
  }

  /** The key definitions, kept apart from the accessors so that each reads top to bottom. */
  private static final class ConfigKeys {
    static ConfigDef define(ConfigDef def) {
      int order = 0;
      def.define(S3_BUCKET_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyStringWithoutControlChars(),
          Importance.HIGH, "Name of the S3 landing bucket whose objects are ingested.",
          S3_GROUP, ++order, Width.MEDIUM, "Bucket");
      def.define(S3_PREFIXES_CONFIG, Type.LIST, S3_PREFIXES_DEFAULT, Importance.HIGH,
          "Comma-separated key prefixes to ingest from, for example 'incoming/,partners/'. Empty: the whole bucket.",
          S3_GROUP, ++order, Width.LONG, "Prefixes");
      def.define(S3_ENDPOINT_CONFIG, Type.STRING, "", ConfigChecks.optionalHttpUri(), Importance.LOW,
          "Endpoint override for S3-compatible stores (S3Proxy, MinIO), e.g. 'http://localhost:9000'. Empty: AWS.",
          S3_GROUP, ++order, Width.LONG, "S3 endpoint");
      def.define(S3_PATH_STYLE_ACCESS_CONFIG, Type.BOOLEAN, S3_PATH_STYLE_ACCESS_DEFAULT, Importance.LOW,
          "Address buckets as a path ('endpoint/bucket/key') rather than a host name; needed by most S3-compatible "
              + "stores.", S3_GROUP, ++order, Width.SHORT, "Path-style access");
      def.define(AWS_REGION_CONFIG, Type.STRING, "", ConfigChecks.optionalRegion(), Importance.MEDIUM,
          "AWS region of the bucket and the queue. Empty: the SDK's default region chain (AWS_REGION, profile, "
              + "instance metadata).", S3_GROUP, ++order, Width.SHORT, "Region");
      def.define(AWS_ACCESS_KEY_ID_CONFIG, Type.STRING, "", new ConfigDef.NonNullValidator(), Importance.LOW,
          "Static access key id, for local stores only. Empty: the SDK's default credentials chain (environment, "
              + "web identity / IRSA, profile, container and instance roles).",
          S3_GROUP, ++order, Width.MEDIUM, "Access key id");
      def.define(AWS_SECRET_ACCESS_KEY_CONFIG, Type.PASSWORD, "", Importance.LOW,
          "Static secret access key going with aws.access.key.id, for local stores only.",
          S3_GROUP, ++order, Width.MEDIUM, "Secret access key");

      order = 0;
      def.define(DISCOVERY_MODE_CONFIG, Type.STRING, DISCOVERY_MODE_DEFAULT, ConfigChecks.oneOf(DiscoveryMode.configValues()),
          Importance.HIGH, "How new objects are found: 'listing' lists the prefixes every poll.interval.ms; 'sqs' "
              + "reads S3 event notifications (S3 or EventBridge shape) from sqs.queue.url.",
          DISCOVERY_GROUP, ++order, Width.SHORT, "Discovery mode");
      def.define(SQS_QUEUE_URL_CONFIG, Type.STRING, "", new ConfigDef.NonNullValidator(), Importance.HIGH,
          "URL of the SQS queue receiving the bucket's event notifications. Required when discovery.mode is 'sqs'.",
          DISCOVERY_GROUP, ++order, Width.LONG, "SQS queue URL");
      def.define(SQS_ENDPOINT_CONFIG, Type.STRING, "", ConfigChecks.optionalHttpUri(), Importance.LOW,
          "Endpoint override for SQS-compatible servers (ElasticMQ). Empty: AWS.",
          DISCOVERY_GROUP, ++order, Width.LONG, "SQS endpoint");
      def.define(SQS_VISIBILITY_TIMEOUT_SECONDS_CONFIG, Type.INT, SQS_VISIBILITY_TIMEOUT_SECONDS_DEFAULT,
          Range.between(30, 43_200), Importance.LOW,
          "How long a received message stays hidden from other consumers; extended while its object is read, so "
              + "it only matters when a task dies.", DISCOVERY_GROUP, ++order, Width.SHORT, "SQS visibility timeout");
      def.define(INCLUDE_PATTERN_CONFIG, Type.STRING, INCLUDE_PATTERN_DEFAULT, ConfigChecks.regex(), Importance.MEDIUM,
          "Java regular expression an object key must match (whole key) to be ingested.",
          DISCOVERY_GROUP, ++order, Width.MEDIUM, "Include pattern");
      def.define(EXCLUDE_PATTERN_CONFIG, Type.STRING, EXCLUDE_PATTERN_DEFAULT, ConfigChecks.regex(), Importance.MEDIUM,
          "Java regular expression; object keys matching it (whole key) are not ingested. Empty: none excluded.",
          DISCOVERY_GROUP, ++order, Width.MEDIUM, "Exclude pattern");
      def.define(POLL_INTERVAL_MS_CONFIG, Type.LONG, POLL_INTERVAL_MS_DEFAULT, Range.atLeast(100L), Importance.MEDIUM,
          "When idle: pause between two listings of the prefixes, or between two SQS receives that returned nothing.",
          DISCOVERY_GROUP, ++order, Width.SHORT, "Poll interval (ms)");

      order = 0;
      def.define(FORMAT_DEFAULT_CONFIG, Type.STRING, FORMAT_DEFAULT_DEFAULT, ConfigChecks.oneOf(SourceFormat.configValues()),
          Importance.MEDIUM, "Format of objects whose key does not tell it ('.jsonl', '.ndjson', '.json' are JSON "
              + "lines, '.csv' is CSV, each optionally followed by '.gz'): 'jsonl' or 'csv'.",
          READING_GROUP, ++order, Width.SHORT, "Default format");
      def.define(CSV_SEPARATOR_CONFIG, Type.STRING, CSV_SEPARATOR_DEFAULT, ConfigChecks.singleCharacter(),
          Importance.LOW, "Column separator of CSV objects (one character; the quote character is '\"').",
          READING_GROUP, ++order, Width.SHORT, "CSV separator");
      def.define(LINE_MAX_BYTES_CONFIG, Type.INT, LINE_MAX_BYTES_DEFAULT, Range.between(16, 64 * 1024 * 1024),
          Importance.MEDIUM, "Longest line (or CSV row) sent in full, in bytes. A longer one is cut to this size and "
              + "flagged with header ingest.line.truncated=true. Keep the producer's max.request.size and the topic's "
              + "max.message.bytes above it.", READING_GROUP, ++order, Width.SHORT, "Line cap (bytes)");

      order = 0;
      def.define(TOPIC_CONFIG, Type.STRING, TOPIC_DEFAULT, ConfigChecks.topicName(), Importance.HIGH,
          "Topic of the raw records, one per line.", OUTPUT_GROUP, ++order, Width.MEDIUM, "Raw topic");
      def.define(AUDIT_TOPIC_CONFIG, Type.STRING, AUDIT_TOPIC_DEFAULT, ConfigChecks.topicName(), Importance.HIGH,
          "Topic of the ingest audit events, one per object.", OUTPUT_GROUP, ++order, Width.MEDIUM, "Audit topic");
      def.define(BATCH_MAX_RECORDS_CONFIG, Type.INT, BATCH_MAX_RECORDS_DEFAULT, Range.atLeast(1), Importance.LOW,
          "Most records returned by one poll (with exactly-once, one transaction per poll).",
          OUTPUT_GROUP, ++order, Width.SHORT, "Records per poll");
      def.define(BATCH_MAX_BYTES_CONFIG, Type.INT, BATCH_MAX_BYTES_DEFAULT, Range.atLeast(1), Importance.LOW,
          "A poll stops adding lines once their values reach this many bytes (a poll returns at least one line).",
          OUTPUT_GROUP, ++order, Width.SHORT, "Bytes per poll");

      order = 0;
      def.define(RETRY_MAX_ATTEMPTS_CONFIG, Type.INT, RETRY_MAX_ATTEMPTS_DEFAULT, Range.atLeast(0), Importance.LOW,
          "Consecutive retries of a retryable AWS or network error (on top of the SDK's own) before the task fails.",
          RETRY_GROUP, ++order, Width.SHORT, "Retry attempts");
      def.define(RETRY_BACKOFF_MS_CONFIG, Type.LONG, RETRY_BACKOFF_MS_DEFAULT, Range.atLeast(0L), Importance.LOW,
          "Pause before the first retry; doubled on each further one.", RETRY_GROUP, ++order, Width.SHORT,
          "Retry backoff (ms)");
      def.define(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, RETRY_BACKOFF_MAX_MS_DEFAULT, Range.atLeast(0L),
          Importance.LOW, "Longest pause between two retries.", RETRY_GROUP, ++order, Width.SHORT,
          "Retry backoff cap (ms)");
      return def;
    }
  }
}
