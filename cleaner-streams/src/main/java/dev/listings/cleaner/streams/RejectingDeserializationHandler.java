package dev.listings.cleaner.streams;

import dev.listings.cleaner.rules.RejectReason;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a record that cannot be deserialized to the rejects topic as {@code DESERIALIZATION_ERROR} (counted in the
 * ledger when its object is known) and continues. Raw lines are read as bytes and cannot fail here; this guards the
 * repartition topic against records written by an incompatible version of the app.
 */
public class RejectingDeserializationHandler implements DeserializationExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RejectingDeserializationHandler.class);
  private HandlerRejects rejects;

  @Override
  public void configure(Map<String, ?> configs) {
    rejects = new HandlerRejects(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    LOG.warn("Routing an undeserializable record to the rejects: topic={} partition={} offset={}",
        context.topic(), context.partition(), context.offset(), exception);
    boolean rawLine = rejects.config().rawTopic.equals(record.topic());
    String id = rawLine ? null : HandlerRejects.keyText(record.key());
    return Response.resume(rejects.route(RejectReason.DESERIALIZATION_ERROR,
        "the record could not be deserialized: " + HandlerRejects.describe(exception), context, id,
        rejects.rawText(record.topic(), record.value()), record.headers(), exception, 0,
        Map.of(RejectReason.DESERIALIZATION_ERROR.name(), 1L)));
  }
}
