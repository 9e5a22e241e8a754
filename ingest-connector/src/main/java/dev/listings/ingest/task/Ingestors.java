package dev.listings.ingest.task;

import dev.listings.ingest.S3SourceTaskConfig;
import dev.listings.ingest.aws.Retries;
import dev.listings.ingest.aws.S3ClientFactory;
import dev.listings.ingest.aws.S3ObjectStore;
import dev.listings.ingest.aws.SqsClientFactory;
import dev.listings.ingest.config.DiscoveryMode;
import dev.listings.ingest.discovery.Discovery;
import dev.listings.ingest.discovery.KeyFilter;
import dev.listings.ingest.discovery.ListingDiscovery;
import dev.listings.ingest.discovery.SqsDiscovery;
import dev.listings.ingest.discovery.TaskShare;
import dev.listings.ingest.metrics.IngestMetrics;
import java.time.Clock;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** Assembles a task's {@link Ingestor} from its configuration and the clients the factories create. */
public final class Ingestors {
  private Ingestors() {}

  public static Ingestor create(S3SourceTaskConfig config, OffsetStorageReader offsets, PluginMetrics pluginMetrics,
      S3ClientFactory s3Factory, SqsClientFactory sqsFactory, Clock clock) {
    S3ObjectStore store = new S3ObjectStore(s3Factory.create(config));
    KeyFilter filter = new KeyFilter(config.prefixes(), config.includePattern(), config.excludePattern());
    TaskShare share = new TaskShare(config.taskIndex(), config.taskCount());
    boolean events = config.discoveryMode() == DiscoveryMode.SQS;
    Discovery discovery = events
        ? new SqsDiscovery(sqsFactory.create(config), config.sqsQueueUrl().orElseThrow(), store, config.bucket(),
            filter, share, config.pollInterval(), config.sqsVisibilityTimeoutSeconds())
        : new ListingDiscovery(store, config.bucket(), filter, share, config.pollInterval());
    Ingestor.Settings settings = new Ingestor.Settings(
        config.bucket(),
        new OutputTopics(config.topic(), config.auditTopic()),
        ReadSettings.of(config),
        config.batchMaxRecords(),
        config.batchMaxBytes(),
        new Retries(config.retryMaxAttempts(), config.retryBackoff(), config.retryBackoffMax()));
    // Only events need to know when an object's records are committed: that is when their message may go.
    CommitTracker tracker = events ? new CommitTracker() : null;
    return new Ingestor(settings, store, discovery, new OffsetLookup(offsets), tracker,
        IngestMetrics.register(pluginMetrics, clock), clock);
  }
}
