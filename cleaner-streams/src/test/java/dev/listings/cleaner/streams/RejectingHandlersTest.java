package dev.listings.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.listings.cleaner.rules.CleanListing;
import dev.listings.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

/** The exception handlers' dead letters: a reject in the rules' format plus a ledger record keeping conservation. */
class RejectingHandlersTest {
  private static final String REPARTITION = CleanerTopology.repartitionTopic(CleanerTopology.DEFAULT_APPLICATION_ID);
  private static final Map<String, Object> CONFIG = new CleanerTopology(CleanerTopology.Topics.defaults(),
      dev.listings.cleaner.rules.CleaningRules.defaults(), Map.of(), Clock.fixed(CleanerDriver.START, ZoneOffset.UTC))
      .requiredStreamsConfig();
  private static final JudgedListing JUDGED = new JudgedListing(
      new CleanListing("a1", LocalDate.of(2021, 2, 17), "house", "Bern", 530_000, "CHF", 84, 6309.52),
      new Provenance("landing", "day.jsonl", "e1", 4L, "jsonl", CleanerDriver.START.toEpochMilli()), "default-x");

  @Test
  void deserializationHandlerRoutesTheRecordWithErrorContextAndCountsIt() {
    RejectingDeserializationHandler handler = new RejectingDeserializationHandler();
    handler.configure(CONFIG);
    Headers headers = CleanerDriver.provenance("landing", "day.jsonl", "e1", 4);
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(REPARTITION, 2, 17, utf8("a1"), utf8("garbage"));
    headers.forEach(h -> record.headers().add(h));

    DeserializationExceptionHandler.Response response = handler.handleError(
        context(REPARTITION, 17, headers, utf8("garbage")), record, new SerializationException("bad format"));

    assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
    List<ProducerRecord<byte[], byte[]>> records = response.deadLetterQueueRecords();
    assertThat(records).extracting(ProducerRecord::topic).containsExactly(Topics.REJECTS, Topics.LEDGER);
    ProducerRecord<byte[], byte[]> reject = records.get(0);
    assertThat(text(reject.key())).isEqualTo("a1");
    JsonNode json = CleanerDriver.json(text(reject.value()));
    assertThat(json.path("reason").asText()).isEqualTo("DESERIALIZATION_ERROR");
    assertThat(json.path("message").asText())
        .isEqualTo("the record could not be deserialized: SerializationException: bad format");
    assertThat(json.path("raw").asText()).isEqualTo("garbage");
    assertThat(json.path("rejected_at").asText()).isEqualTo(CleanerDriver.START.toString());
    assertThat(json.path("rules_version").asText()).isEqualTo(dev.listings.cleaner.rules.CleaningRules.defaults().version());
    assertThat(json.path("provenance").path("key").asText()).isEqualTo("day.jsonl");
    JsonNode error = json.path("error");
    assertThat(error.path("exception").asText()).isEqualTo(SerializationException.class.getName());
    assertThat(error.path("message").asText()).isEqualTo("bad format");
    assertThat(error.path("topic").asText()).isEqualTo(REPARTITION);
    assertThat(error.path("partition").asInt()).isEqualTo(2);
    assertThat(error.path("offset").asLong()).isEqualTo(17);
    assertThat(RejectRecordTest.header(reject.headers(), "reject.reason")).isEqualTo("DESERIALIZATION_ERROR");
    assertThat(RejectRecordTest.header(reject.headers(), "__streams.errors.offset")).isEqualTo("17");
    assertThat(RejectRecordTest.header(reject.headers(), "source.line")).isEqualTo("4");

    ProducerRecord<byte[], byte[]> ledger = records.get(1);
    assertThat(text(ledger.key())).isEqualTo("dlq|" + REPARTITION + "-2@17|s3://landing/day.jsonl@e1");
    assertThat(CleanerDriver.json(text(ledger.value())).toString()).isEqualTo(
        "{\"bucket\":\"landing\",\"key\":\"day.jsonl\",\"etag\":\"e1\",\"curated\":0,\"rejected\":1,\"duplicates\":0,"
            + "\"rejected_by_reason\":{\"DESERIALIZATION_ERROR\":1}}");
  }

  @Test
  void productionHandlerMovesAFailedCuratedLineFromCuratedToRejected() {
    RejectingProductionHandler handler = new RejectingProductionHandler();
    handler.configure(CONFIG);
    Headers headers = CleanerDriver.provenance("landing", "day.jsonl", "e1", 4);
    ProducerRecord<byte[], byte[]> curated =
        new ProducerRecord<>(Topics.CURATED, null, 1L, utf8("a1"), new byte[] {0, 0, 0, 0, 1}, headers);

    ProductionExceptionHandler.Response response = handler.handleError(
        context(REPARTITION, 5, headers, ListingCodec.encode(JUDGED)), curated, new RecordTooLargeException("big"));

    assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    List<ProducerRecord<byte[], byte[]>> records = response.deadLetterQueueRecords();
    JsonNode reject = CleanerDriver.json(text(records.get(0).value()));
    assertThat(reject.path("reason").asText()).isEqualTo("PRODUCTION_ERROR");
    assertThat(reject.path("message").asText()).isEqualTo(
        "the record for listings.curated.v1 could not be produced: RecordTooLargeException: big");
    assertThat(CleanerDriver.json(reject.path("raw").asText()).path("raw_price").asText()).isEqualTo("530000 CHF");
    JsonNode correction = CleanerDriver.json(text(records.get(1).value()));
    assertThat(correction.path("curated").asLong()).isEqualTo(-1);
    assertThat(correction.path("rejected").asLong()).isEqualTo(1);
    assertThat(correction.path("rejected_by_reason").path("PRODUCTION_ERROR").asLong()).isEqualTo(1);
  }

  @Test
  void productionHandlerKeepsAFailedRejectCountedButUnderItsNewReason() {
    RejectingProductionHandler handler = new RejectingProductionHandler();
    handler.configure(CONFIG);
    Headers headers = RejectHeaders.of(CleanerDriver.provenance("landing", "day.jsonl", "e1", 4), "AREA_INVALID");
    ProducerRecord<byte[], byte[]> reject =
        new ProducerRecord<>(Topics.REJECTS, null, 1L, utf8("a1"), utf8("{\"reason\":\"AREA_INVALID\"}"), headers);

    ProductionExceptionHandler.Response response = handler.handleError(
        context(Topics.RAW, 5, headers, utf8("line")), reject, new RecordTooLargeException("big"));

    JsonNode correction = CleanerDriver.json(text(response.deadLetterQueueRecords().get(1).value()));
    assertThat(correction.path("rejected").asLong()).isZero();
    assertThat(correction.path("rejected_by_reason").path("AREA_INVALID").asLong()).isEqualTo(-1);
    assertThat(correction.path("rejected_by_reason").path("PRODUCTION_ERROR").asLong()).isEqualTo(1);
  }

  @Test
  void productionHandlerFailsTheTaskRatherThanSkipLedgerStateOrDeadLetters() {
    RejectingProductionHandler handler = new RejectingProductionHandler();
    handler.configure(CONFIG);
    Headers headers = CleanerDriver.provenance("landing", "day.jsonl", "e1", 4);
    RecordHeaders deadLetterHeaders = new RecordHeaders();
    deadLetterHeaders.add("__streams.errors.exception", utf8("x"));
    for (ProducerRecord<byte[], byte[]> record : List.of(
        new ProducerRecord<>(Topics.LEDGER, null, 1L, utf8("k"), utf8("{}"), headers),
        new ProducerRecord<>("listings-cleaner-dedupe-store-changelog", null, 1L, utf8("k"), utf8("v"), headers),
        new ProducerRecord<>(Topics.REJECTS, null, 1L, utf8("k"), utf8("{}"), deadLetterHeaders))) {
      assertThat(handler.handleError(context(Topics.RAW, 1, headers, utf8("x")), record,
          new RecordTooLargeException("big")).result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }
  }

  @Test
  void processingHandlerLogsAFailedPunctuationAndGoesOn() {
    RejectingProcessingHandler handler = new RejectingProcessingHandler();
    handler.configure(CONFIG);
    ProcessingExceptionHandler.Response response =
        handler.handleError(context(null, -1, new RecordHeaders(), null), null, new IllegalStateException("x"));
    assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    assertThat(response.deadLetterQueueRecords()).isEmpty();
  }

  @Test
  void writesNoLedgerRecordWhenTheLineHasNoProvenance() {
    RejectingDeserializationHandler handler = new RejectingDeserializationHandler();
    handler.configure(CONFIG);
    ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(Topics.RAW, 0, 3, utf8("k"), utf8("v"));
    DeserializationExceptionHandler.Response response = handler.handleError(
        context(Topics.RAW, 3, new RecordHeaders(), utf8("v")), record, new SerializationException("x"));
    assertThat(response.deadLetterQueueRecords()).extracting(ProducerRecord::topic).containsExactly(Topics.REJECTS);
    assertThat(text(response.deadLetterQueueRecords().get(0).key())).isEqualTo(Topics.RAW + "-2@3");
  }

  private static TestErrorContext context(String topic, long offset, Headers headers, byte[] rawValue) {
    return new TestErrorContext(topic, topic == null ? -1 : 2, offset, headers, "dedupe", new TaskId(1, 2), 1_000L,
        null, rawValue);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
