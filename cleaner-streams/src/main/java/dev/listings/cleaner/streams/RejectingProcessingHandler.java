package dev.listings.cleaner.streams;

import dev.listings.cleaner.rules.RejectReason;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a line whose processing threw to the rejects topic and continues: {@code PRODUCTION_ERROR} when the curated
 * record could not be serialized, else {@code PROCESSING_ERROR}; counted in the ledger when its object is known. The
 * processors change no state before they can fail, so the line is counted exactly once. A failing punctuation has no
 * line to route: it is logged, and the next punctuation retries (the state it works from is unchanged).
 */
public class RejectingProcessingHandler implements ProcessingExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RejectingProcessingHandler.class);
  private HandlerRejects rejects;

  @Override
  public void configure(Map<String, ?> configs) {
    rejects = new HandlerRejects(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    if (record == null || context.topic() == null) {
      LOG.error("A punctuation failed in processor {}; it runs again at the next interval",
          context.processorNodeId(), exception);
      return Response.resume();
    }
    LOG.warn("Routing a line whose processing failed to the rejects: topic={} partition={} offset={} processor={}",
        context.topic(), context.partition(), context.offset(), context.processorNodeId(), exception);
    RejectReason reason = exception instanceof CuratedSerializationException
        ? RejectReason.PRODUCTION_ERROR : RejectReason.PROCESSING_ERROR;
    String message = reason == RejectReason.PRODUCTION_ERROR
        ? "the curated record could not be produced: " + HandlerRejects.describe(exception.getCause())
        : "processing failed in " + context.processorNodeId() + ": " + HandlerRejects.describe(exception);
    // Downstream of the judge a key is the listing id (text); a raw record's key (bytes) only partitions it.
    String id = record.key() instanceof String listingId ? listingId : null;
    Object value = context.sourceRawValue() != null ? context.sourceRawValue() : record.value();
    return Response.resume(rejects.route(reason, message, context, id, rejects.rawText(context.topic(), value),
        context.headers(), exception, 0, Map.of(reason.name(), 1L)));
  }
}
