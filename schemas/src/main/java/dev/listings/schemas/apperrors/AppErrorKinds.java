package dev.listings.schemas.apperrors;

/** The kinds of app error events the alerting app recognises (see its README); the pipeline's apps emit the first three. */
public final class AppErrorKinds {
  /** A Kafka Streams thread died (uncaught exception handler), whether or not it is replaced. */
  public static final String STREAM_THREAD_DIED = "STREAM_THREAD_DIED";
  /** KafkaStreams moved to {@code ERROR}. */
  public static final String STREAMS_ERROR_STATE = "STREAMS_ERROR_STATE";
  /** A deserialization, processing or production exception handler routed a record to the dead letters. */
  public static final String HANDLER_ROUTED_ERROR = "HANDLER_ROUTED_ERROR";
  /** A transactional producer was fenced. */
  public static final String PRODUCER_FENCED = "PRODUCER_FENCED";
  /** A Kafka Connect task failed. */
  public static final String CONNECTOR_TASK_FAILED = "CONNECTOR_TASK_FAILED";

  private AppErrorKinds() {}
}
