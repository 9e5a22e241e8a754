package dev.listings.ingest.aws;

import dev.listings.ingest.S3SourceConfig;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Creates the SQS client a task receives event notifications with; tests and embedders pass their own. */
@FunctionalInterface
public interface SqsClientFactory {
  SqsClient create(S3SourceConfig config);
}
