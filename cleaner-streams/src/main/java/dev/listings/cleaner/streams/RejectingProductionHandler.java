package dev.listings.cleaner.streams;

import dev.listings.cleaner.rules.RejectReason;
import dev.listings.schemas.ProvenanceHeaders;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes an output record that could not be serialized or sent to the rejects topic as {@code PRODUCTION_ERROR} and
 * continues, with a ledger correction so conservation holds: a curated line already counted as curated moves to
 * rejected; a reject keeps its count but changes reason; a line lost on its way to the repartition topic is counted as
 * rejected. Ledger and state-store changelog records, and dead letters themselves, are never skipped: for those the
 * handler fails the task, which
 * under exactly-once restarts from its last commit. Under exactly-once a failed send usually aborts the transaction,
 * so the records are processed again rather than routed.
 */
public class RejectingProductionHandler implements ProductionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(RejectingProductionHandler.class);
  private HandlerRejects rejects;

  @Override
  public void configure(Map<String, ?> configs) {
    rejects = new HandlerRejects(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    return route(context, record.topic(), record.key(), record.value(), record, exception);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
      SerializationExceptionOrigin origin) {
    return route(context, record.topic(), record.key(), record.value(), record, exception);
  }

  private Response route(ErrorHandlerContext context, String topic, Object key, Object value,
      ProducerRecord<?, ?> record, Exception exception) {
    CleanerStreamsConfig config = rejects.config();
    boolean deadLetter = record.headers().lastHeader(HandlerRejects.ERRORS_HEADER_PREFIX + "exception") != null;
    if (topic.equals(config.ledgerTopic) || topic.endsWith("-changelog") || context.topic() == null || deadLetter) {
      LOG.error("Could not produce to {}; failing the task so it restarts from its last commit", topic, exception);
      return Response.fail();
    }
    LOG.warn("Routing a record that could not be produced to {} to the rejects", topic, exception);
    String production = RejectReason.PRODUCTION_ERROR.name();
    long curatedDelta = 0;
    Map<String, Long> reasonDeltas = Map.of(production, 1L);
    String raw;
    if (topic.equals(config.curatedTopic)) {
      curatedDelta = -1;
      raw = rejects.rawText(context.topic(), context.sourceRawValue());
    } else if (topic.equals(config.rejectsTopic)) {
      String previous = Provenance.text(record.headers(), ProvenanceHeaders.REJECT_REASON);
      reasonDeltas = previous == null ? reasonDeltas : Map.of(production, 1L, previous, -1L);
      raw = rejects.rawText(null, value);
    } else {
      raw = rejects.rawText(topic, value);
    }
    // A curated record is keyed by its listing id; other records read from the raw topic carry its partitioning key.
    boolean keyIsId = topic.equals(config.curatedTopic) || !config.rawTopic.equals(context.topic());
    String id = keyIsId ? HandlerRejects.keyText(key) : null;
    return Response.resume(rejects.route(RejectReason.PRODUCTION_ERROR,
        "the record for " + topic + " could not be produced: " + HandlerRejects.describe(exception), context, id,
        raw, record.headers(), exception, curatedDelta, reasonDeltas));
  }
}
