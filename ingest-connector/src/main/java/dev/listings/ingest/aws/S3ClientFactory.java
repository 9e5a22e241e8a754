package dev.listings.ingest.aws;

import dev.listings.ingest.S3SourceConfig;
import software.amazon.awssdk.services.s3.S3Client;

/** Creates the S3 client a task reads with; tests and embedders pass their own. */
@FunctionalInterface
public interface S3ClientFactory {
  S3Client create(S3SourceConfig config);
}
