package dev.listings.cleaner.streams;

import dev.listings.cleaner.rules.RejectReason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds the dead-letter records of the cleaner's exception handlers: a reject record in the same JSON format as the
 * rules' rejects (with the error's class, message, topic, partition, offset and processor), plus, when the line's
 * source object is known, a ledger record so conservation holds. Both go out through Kafka Streams' dead-letter
 * support, in the task's transaction. The ledger record's key is unique to the failing input record ({@code
 * dlq|<topic>-<partition>@<offset>|<object>}), so a retry overwrites rather than adds, and readers sum it like any
 * other; for a re-driven line the changes go to the record's {@code redriven} counts, like the line's other outcomes.
 */
final class HandlerRejects {
  static final String ERRORS_HEADER_PREFIX = "__streams.errors.";

  private final CleanerStreamsConfig config;

  HandlerRejects(Map<String, ?> configs) {
    this.config = new CleanerStreamsConfig(configs);
  }

  CleanerStreamsConfig config() {
    return config;
  }

  /**
   * The dead-letter records for one failed line.
   *
   * @param curatedDelta change to the object's curated count (-1 when a line already counted as curated is moved to
   *     the rejects), else 0
   * @param reasonDeltas changes to the object's rejected counts by reason; their sum changes the rejected count
   */
  List<ProducerRecord<byte[], byte[]>> route(RejectReason reason, String message, ErrorHandlerContext context,
      String id, String raw, Headers inputHeaders, Exception exception, long curatedDelta,
      Map<String, Long> reasonDeltas) {
    Provenance provenance = Provenance.fromHeaders(inputHeaders);
    Reject.ErrorDetails error = new Reject.ErrorDetails(exception.getClass().getName(), exception.getMessage(),
        context.topic(), context.partition(), context.offset(), context.processorNodeId());
    Reject reject = new Reject(List.of(reason.name()), message, id, raw, provenance, config.clock.instant(),
        config.rulesVersion, error);
    String inputRef = context.topic() + "-" + context.partition() + "@" + context.offset();
    Long timestamp = context.timestamp() >= 0 ? context.timestamp() : null;

    Headers headers = RejectHeaders.of(inputHeaders, reason.name());
    headers.add(ERRORS_HEADER_PREFIX + "exception", utf8(exception.getClass().getName()));
    headers.add(ERRORS_HEADER_PREFIX + "message", utf8(String.valueOf(exception.getMessage())));
    headers.add(ERRORS_HEADER_PREFIX + "topic", utf8(String.valueOf(context.topic())));
    headers.add(ERRORS_HEADER_PREFIX + "partition", utf8(Integer.toString(context.partition())));
    headers.add(ERRORS_HEADER_PREFIX + "offset", utf8(Long.toString(context.offset())));

    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(2);
    records.add(new ProducerRecord<>(config.rejectsTopic, null, timestamp, utf8(reject.key(inputRef)),
        CleanerJson.reject(reject, config.rawMaxChars), headers));
    if (provenance.isKnown()) {
      long rejectedDelta = reasonDeltas.values().stream().mapToLong(Long::longValue).sum();
      CleanerJson.Counts deltas = new CleanerJson.Counts(curatedDelta, rejectedDelta, 0, reasonDeltas);
      CleanerJson.Counts none = new CleanerJson.Counts(0, 0, 0, Map.of());
      String redriveRun = Redrive.runOf(inputHeaders);
      byte[] counts = redriveRun == null
          ? CleanerJson.ledger(provenance.bucket(), provenance.key(), provenance.etag(), deltas, null, null)
          : CleanerJson.ledger(provenance.bucket(), provenance.key(), provenance.etag(), none, redriveRun, deltas);
      records.add(new ProducerRecord<>(config.ledgerTopic, null, timestamp,
          utf8("dlq|" + inputRef + "|" + provenance.objectRef()), counts));
    }
    config.listener.rejected(reason.name());
    config.listener.routedByHandler(reason.name(), message, error);
    return records;
  }

  /**
   * The failing record's value as text for the reject: a raw line as it came; a judged listing (repartition topic)
   * written back in the input's field names; anything else decoded as UTF-8 with replacement characters.
   */
  String rawText(String topic, Object value) {
    if (value instanceof JudgedListing judged) {
      return CleanerJson.listingAsInput(judged.listing());
    }
    if (value instanceof byte[] bytes) {
      if (!config.rawTopic.equals(topic)) {
        try {
          return CleanerJson.listingAsInput(ListingCodec.decodeJudged(bytes).listing());
        } catch (RuntimeException notAJudgedListing) {
          // fall through: show the bytes as text
        }
      }
      return RawText.of(bytes, config.rawMaxChars);
    }
    return value == null ? null : value.toString();
  }

  static String describe(Throwable exception) {
    return exception.getClass().getSimpleName() + (exception.getMessage() == null ? "" : ": " + exception.getMessage());
  }

  static String keyText(Object key) {
    if (key instanceof String s) {
      return s;
    }
    if (key instanceof byte[] bytes) {
      return Serdes.String().deserializer().deserialize(null, bytes);
    }
    return null;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
