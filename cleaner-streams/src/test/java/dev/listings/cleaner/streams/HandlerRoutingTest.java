package dev.listings.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Records that fail outside the rules reach the rejects topic in the same format, are counted, and the app goes on. */
class HandlerRoutingTest {
  private static final String OBJECT = "s3://landing/sample/scraping_data.jsonl@etag-1";

  @Test
  void routesACuratedRecordThatCannotBeSerializedToRejectsAsProductionError() {
    try (CleanerDriver cleaner = new CleanerDriver(CleaningRules.defaults(), CleanerTopology.Settings.defaults(),
        Map.of("avro.serde.class", FailingCuratedSerde.class.getName()),
        Clock.fixed(CleanerDriver.START, ZoneOffset.UTC), OutcomeListener.NONE, null)) {
      String poisoned = DedupeTest.listing("p1", "\"530 000\"", "2021-02-17").replace("Bern", "Poison");
      cleaner.pipe(poisoned);
      cleaner.pipe(poisoned);
      cleaner.pipe(DedupeTest.listing("ok", "\"530 000\"", "2021-02-17"));
      cleaner.publishLedger();

      assertThat(cleaner.curated()).extracting(TestRecord::key).containsExactly("ok");
      List<TestRecord<String, String>> rejects = cleaner.rejects();
      // The second identical line is rejected again, not counted as a duplicate of a version never published.
      assertThat(rejects).hasSize(2);
      TestRecord<String, String> record = rejects.get(0);
      JsonNode reject = CleanerDriver.json(record.value());
      assertThat(record.key()).isEqualTo("p1");
      assertThat(reject.path("reason").asText()).isEqualTo("PRODUCTION_ERROR");
      assertThat(reject.path("message").asText())
          .isEqualTo("the curated record could not be produced: SerializationException: the registry refused the schema");
      assertThat(reject.path("id").asText()).isEqualTo("p1");
      assertThat(CleanerDriver.json(reject.path("raw").asText()).path("municipality").asText()).isEqualTo("Poison");
      assertThat(reject.path("provenance").path("line").asLong()).isEqualTo(1);
      assertThat(reject.path("rules_version").asText()).isEqualTo(CleaningRules.defaults().version());
      JsonNode error = reject.path("error");
      assertThat(error.path("exception").asText()).isEqualTo(CuratedSerializationException.class.getName());
      // Keyed by listing id, the line went from the raw topic straight to dedupe, where producing it failed.
      assertThat(error.path("topic").asText()).isEqualTo(dev.listings.schemas.Topics.RAW);
      assertThat(error.path("processor").asText()).isEqualTo(CleanerTopology.DEDUPE);
      assertThat(RejectRecordTest.header(record.headers(), "reject.reason")).isEqualTo("PRODUCTION_ERROR");
      assertThat(RejectRecordTest.header(record.headers(), "source.key")).isEqualTo("sample/scraping_data.jsonl");
      assertThat(RejectRecordTest.header(record.headers(), "__streams.errors.exception"))
          .isEqualTo(CuratedSerializationException.class.getName());

      CleanerDriver.Counts counts = cleaner.ledgerByObject().get(OBJECT);
      assertThat(counts.curated).isEqualTo(1);
      assertThat(counts.rejected).isEqualTo(2);
      assertThat(counts.duplicates).isZero();
      assertThat(counts.byReason).containsExactlyEntriesOf(Map.of("PRODUCTION_ERROR", 2L));
    }
  }

  @Test
  void routesALineWhoseJudgingThrowsToRejectsAsProcessingErrorAndGoesOn() {
    AtomicInteger calls = new AtomicInteger();
    Clock failingOnce = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        if (calls.getAndIncrement() == 0) {
          throw new IllegalStateException("clock unavailable");
        }
        return CleanerDriver.START;
      }
    };
    List<String> routed = new java.util.concurrent.CopyOnWriteArrayList<>();
    OutcomeListener listener = new OutcomeListener() {
      @Override
      public void routedByHandler(String reason, String message, Reject.ErrorDetails error) {
        routed.add(reason + " | " + message + " | " + error.topic() + "-" + error.partition() + "@" + error.offset()
            + " in " + error.processor() + " | " + error.exception());
      }
    };
    try (CleanerDriver cleaner = new CleanerDriver(CleaningRules.defaults(), CleanerTopology.Settings.defaults(),
        Map.of(), failingOnce, listener, null)) {
      String studio = DedupeTest.listing("s1", "\"530 000\"", "2021-02-17").replace("apartment", "studio");
      cleaner.pipe(studio);
      cleaner.pipe(studio);
      cleaner.publishLedger();

      List<TestRecord<String, String>> rejects = cleaner.rejects();
      assertThat(rejects).hasSize(2);
      JsonNode failed = CleanerDriver.json(rejects.get(0).value());
      assertThat(failed.path("reason").asText()).isEqualTo("PROCESSING_ERROR");
      assertThat(failed.path("message").asText())
          .isEqualTo("processing failed in judge: IllegalStateException: clock unavailable");
      assertThat(failed.path("raw").asText()).isEqualTo(studio);
      assertThat(failed.path("id").isNull()).isTrue();
      assertThat(failed.path("error").path("topic").asText()).isEqualTo(Topics.RAW);
      assertThat(failed.path("error").path("offset").asLong()).isZero();
      assertThat(rejects.get(0).key()).isEqualTo("s3://landing/sample/scraping_data.jsonl#1");
      assertThat(CleanerDriver.json(rejects.get(1).value()).path("reason").asText())
          .isEqualTo("PROPERTY_TYPE_EXCLUDED");
      assertThat(cleaner.ledgerByObject().get(OBJECT).byReason)
          .containsExactlyInAnyOrderEntriesOf(Map.of("PROCESSING_ERROR", 1L, "PROPERTY_TYPE_EXCLUDED", 1L));
      // The listener hears of the handler-routed line only, not of the line the rules rejected.
      assertThat(routed).containsExactly("PROCESSING_ERROR | processing failed in judge: IllegalStateException: "
          + "clock unavailable | " + Topics.RAW + "-0@0 in judge | java.lang.IllegalStateException");
    }
  }

  /**
   * TopologyTestDriver drops what is produced while a record is being queued, which is when deserialization fails, so
   * this checks through the outcome listener that the handler ran and the app went on; the handler's records are
   * checked in {@link RejectingHandlersTest}.
   */
  @Test
  void hasTheDeserializationHandlerRouteAnUndeserializableRepartitionRecordAndGoesOn() {
    List<String> handlerRejects = new java.util.concurrent.CopyOnWriteArrayList<>();
    OutcomeListener listener = new OutcomeListener() {
      @Override
      public void rejected(String reason) {
        handlerRejects.add(reason);
      }
    };
    try (CleanerDriver cleaner = new CleanerDriver(CleaningRules.defaults(), CleanerTopology.Settings.defaults(),
        Map.of(), Clock.fixed(CleanerDriver.START, ZoneOffset.UTC), listener, null)) {
      TestInputTopic<String, byte[]> repartition = cleaner.driver.createInputTopic(
          CleanerTopology.repartitionTopic(CleanerTopology.DEFAULT_APPLICATION_ID), new StringSerializer(),
          new ByteArraySerializer());
      Headers headers = CleanerDriver.provenance("landing", "sample/scraping_data.jsonl", "etag-1", 9);
      repartition.pipeInput(new TestRecord<>("id9", "garbage".getBytes(StandardCharsets.UTF_8), headers));
      cleaner.pipe(DedupeTest.listing("ok", "\"530 000\"", "2021-02-17"));

      assertThat(handlerRejects).containsExactly("DESERIALIZATION_ERROR");
      assertThat(cleaner.curated()).extracting(TestRecord::key).containsExactly("ok");
    }
  }
}
