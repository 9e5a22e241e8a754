package dev.listings.ingest.config;

import dev.listings.ingest.S3SourceConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Validators of single keys, and the checks of keys that only make sense together. Messages are plain English and
 * name the key, because they reach people through the Connect REST API's validation response.
 */
public final class ConfigChecks {
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");

  /** A problem across keys, reported on {@code key}. */
  public record Problem(String key, String message) {}

  private ConfigChecks() {}

  /** Problems found across keys of an otherwise valid configuration; empty when there is none. */
  public static List<Problem> crossFieldProblems(S3SourceConfig config) {
    List<Problem> problems = new ArrayList<>();
    if (config.discoveryMode() == DiscoveryMode.SQS && config.sqsQueueUrl().isEmpty()) {
      problems.add(new Problem(S3SourceConfig.SQS_QUEUE_URL_CONFIG, S3SourceConfig.SQS_QUEUE_URL_CONFIG + " is required when " + S3SourceConfig.DISCOVERY_MODE_CONFIG
          + " is 'sqs': set it to the URL of the queue receiving the bucket's event notifications."));
    }
    if (config.accessKeyId().isPresent() != config.secretAccessKey().isPresent()) {
      problems.add(new Problem(S3SourceConfig.AWS_ACCESS_KEY_ID_CONFIG, S3SourceConfig.AWS_ACCESS_KEY_ID_CONFIG + " and " + S3SourceConfig.AWS_SECRET_ACCESS_KEY_CONFIG
          + " go together: set both for static credentials, or neither to use the SDK's default credentials chain."));
    }
    if (config.topic().equals(config.auditTopic())) {
      problems.add(new Problem(S3SourceConfig.AUDIT_TOPIC_CONFIG, S3SourceConfig.TOPIC_CONFIG + " and " + S3SourceConfig.AUDIT_TOPIC_CONFIG
          + " must name different topics, so that audit events never mix with raw lines."));
    }
    if (config.retryBackoffMax().compareTo(config.retryBackoff()) < 0) {
      problems.add(new Problem(S3SourceConfig.RETRY_BACKOFF_MAX_MS_CONFIG, S3SourceConfig.RETRY_BACKOFF_MAX_MS_CONFIG + " must not be smaller than "
          + S3SourceConfig.RETRY_BACKOFF_MS_CONFIG + "."));
    }
    return problems;
  }

  /** One of the given lower-case values, compared without regard to case. */
  public static ConfigDef.Validator oneOf(List<String> allowed) {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        if (value == null || !allowed.contains(value.toString().trim().toLowerCase(Locale.ROOT))) {
          throw new ConfigException(name, value, "Must be one of " + String.join(", ", allowed) + ".");
        }
      }

      @Override
      public String toString() {
        return String.join(", ", allowed);
      }
    };
  }

  /** Empty, or an absolute http(s) URI. */
  public static ConfigDef.Validator optionalHttpUri() {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        String text = value == null ? "" : value.toString().trim();
        if (text.isEmpty()) {
          return;
        }
        try {
          URI uri = new URI(text);
          String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
          if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new ConfigException(name, value, "Must be an http:// or https:// URL with a host, or empty.");
          }
        } catch (URISyntaxException e) {
          throw new ConfigException(name, value, "Is not a valid URL: " + e.getReason() + ".");
        }
      }

      @Override
      public String toString() {
        return "empty, or an http(s) URL";
      }
    };
  }

  /** Empty, or an AWS region name such as eu-central-1. */
  public static ConfigDef.Validator optionalRegion() {
    return (name, value) -> {
      String text = value == null ? "" : value.toString().trim();
      if (!text.isEmpty() && !REGION.matcher(text).matches()) {
        throw new ConfigException(name, value, "Must be an AWS region name such as 'eu-central-1', or empty.");
      }
    };
  }

  /** A Java regular expression; the empty string is allowed (it means "not set" where the key allows it). */
  public static ConfigDef.Validator regex() {
    return (name, value) -> {
      if (value == null) {
        throw new ConfigException(name, null, "Must be a regular expression (or empty).");
      }
      try {
        Pattern.compile(value.toString());
      } catch (PatternSyntaxException e) {
        throw new ConfigException(name, value, "Is not a valid regular expression: " + e.getDescription() + ".");
      }
    };
  }

  /** Exactly one character, other than the quote, CR and LF. */
  public static ConfigDef.Validator singleCharacter() {
    return (name, value) -> {
      String text = value == null ? "" : value.toString();
      if (text.length() != 1 || "\"\r\n".contains(text)) {
        throw new ConfigException(name, value, "Must be exactly one character other than '\"', CR or LF.");
      }
    };
  }

  /** A legal Kafka topic name. */
  public static ConfigDef.Validator topicName() {
    return (name, value) -> {
      String text = value == null ? "" : value.toString().trim();
      if (!TOPIC_NAME.matcher(text).matches() || text.equals(".") || text.equals("..")) {
        throw new ConfigException(name, value,
            "Must be a Kafka topic name: 1 to 249 characters among letters, digits, '.', '_' and '-'.");
      }
    };
  }
}
