package dev.listings.local.stack;

import java.util.HashMap;
import java.util.Map;

/** Configuration of the S3 landing connector on the local stack: listing mode over the whole landing bucket. */
final class LandingConnector {
  static final String NAME = "s3-landing";

  private LandingConnector() {}

  static Map<String, String> config(Endpoints endpoints) {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", "dev.listings.ingest.S3ListingsSourceConnector");
    config.put("tasks.max", "1");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    config.put("header.converter", "org.apache.kafka.connect.storage.SimpleHeaderConverter");
    config.put("exactly.once.support", "required");
    // Its own offsets topic: after a crash, a restart need not wait for the shared topic's open transactions to expire.
    config.put("offsets.storage.topic", "connect-offsets." + NAME);
    config.put("s3.bucket", endpoints.landingBucket());
    config.put("s3.endpoint", endpoints.s3Endpoint());
    config.put("s3.path.style.access", "true");
    config.put("aws.region", endpoints.s3Region());
    config.put("aws.access.key.id", endpoints.s3AccessKey());
    config.put("aws.secret.access.key", endpoints.s3SecretKey());
    config.put("discovery.mode", "listing");
    config.put("poll.interval.ms", "250");
    return config;
  }
}
