package dev.listings.local.stack;

import java.util.HashMap;
import java.util.Map;

/** Configuration of the S3 landing connector on the local stack: listing mode over the whole landing bucket. */
public final class LandingConnector {
  public static final String NAME = "s3-landing";

  private LandingConnector() {}

  static Map<String, String> config(Endpoints endpoints) {
    Map<String, String> config =
        common(
            endpoints.landingBucket(),
            endpoints.s3Endpoint(),
            endpoints.s3Region(),
            endpoints.s3AccessKey(),
            endpoints.s3SecretKey());
    // Its own offsets topic: after a crash, a restart need not wait for the shared topic's open transactions to expire.
    config.put("offsets.storage.topic", "connect-offsets." + NAME);
    config.put("discovery.mode", "listing");
    config.put("poll.interval.ms", "250");
    return config;
  }

  /**
   * What every landing connector of the local stack shares: the connector class, converters, exactly-once, the bucket,
   * and the S3 endpoint, region and keys when given (null: the AWS SDK's defaults).
   */
  public static Map<String, String> common(
      String bucket, String s3Endpoint, String region, String accessKey, String secretKey) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "dev.listings.ingest.S3ListingsSourceConnector");
    config.put("tasks.max", "1");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    config.put("header.converter", "org.apache.kafka.connect.storage.SimpleHeaderConverter");
    config.put("exactly.once.support", "required");
    config.put("s3.bucket", bucket);
    if (s3Endpoint != null) {
      config.put("s3.endpoint", s3Endpoint);
      config.put("s3.path.style.access", "true");
    }
    if (region != null) {
      config.put("aws.region", region);
    }
    if (accessKey != null && secretKey != null) {
      config.put("aws.access.key.id", accessKey);
      config.put("aws.secret.access.key", secretKey);
    }
    return config;
  }
}
