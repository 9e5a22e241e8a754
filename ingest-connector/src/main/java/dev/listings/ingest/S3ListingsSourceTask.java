package dev.listings.ingest;

import dev.listings.ingest.aws.AwsClients;
import dev.listings.ingest.aws.S3ClientFactory;
import dev.listings.ingest.aws.SqsClientFactory;
import dev.listings.ingest.task.Ingestor;
import dev.listings.ingest.task.Ingestors;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source task: a thin shell that hands Connect's calls to an {@link Ingestor}. Each poll returns the next lines of
 * the object being read (with its audit record once it ends), or {@code null} when idle.
 */
public class S3ListingsSourceTask extends SourceTask {
  private static final Logger LOG = LoggerFactory.getLogger(S3ListingsSourceTask.class);

  private final S3ClientFactory s3Factory;
  private final SqsClientFactory sqsFactory;
  private final Clock clock;
  private volatile Ingestor ingestor;

  public S3ListingsSourceTask() {
    this(AwsClients.s3(), AwsClients.sqs(), Clock.systemUTC());
  }

  /** A task with its own client factories and clock, for tests and embedding. */
  public S3ListingsSourceTask(S3ClientFactory s3Factory, SqsClientFactory sqsFactory, Clock clock) {
    this.s3Factory = s3Factory;
    this.sqsFactory = sqsFactory;
    this.clock = clock;
  }

  @Override
  public String version() {
    return S3ListingsSourceConnector.VERSION;
  }

  @Override
  public void start(Map<String, String> props) {
    S3SourceTaskConfig config = new S3SourceTaskConfig(props);
    ingestor = Ingestors.create(config, context.offsetStorageReader(), pluginMetrics(), s3Factory, sqsFactory, clock);
    LOG.info("Task {} of {} ingesting s3://{}/ {} in {} mode", config.taskIndex(), config.taskCount(),
        config.bucket(), config.prefixes(), config.discoveryMode().configValue());
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    return ingestor.poll();
  }

  @Override
  public void commitRecord(SourceRecord record, RecordMetadata metadata) {
    ingestor.committed(record);
  }

  @Override
  public void stop() {
    Ingestor running = ingestor;
    if (running != null) {
      running.close();
    }
  }

  private PluginMetrics pluginMetrics() {
    try {
      return context.pluginMetrics();
    } catch (UnsupportedOperationException | LinkageError olderRuntime) {
      LOG.info("This Connect runtime offers no plugin metrics; the task's metrics are not published");
      return null;
    }
  }
}
