package dev.listings.ingest.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How the connector finds new objects: by listing the bucket, or from S3 event notifications in an SQS queue. */
public enum DiscoveryMode {
  LISTING,
  SQS;

  public String configValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static List<String> configValues() {
    return Arrays.stream(values()).map(DiscoveryMode::configValue).toList();
  }

  public static DiscoveryMode fromConfig(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
