package dev.listings.schemas.apperrors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class AppErrorEventTest {
  private static final Instant AT = Instant.parse("2026-01-05T08:30:00Z");

  @Test
  void requiresAppAndKind() {
    assertThatThrownBy(() -> new AppErrorEvent(" ", "STREAM_THREAD_DIED", null, AT, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AppErrorEvent("listings-cleaner", null, null, AT, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cutsLongMessagesAndLeavesOutEmptyDetails() throws Exception {
    Map<String, String> details = new HashMap<>();
    details.put("thread", null);
    details.put("topic", "listings.raw.v1");
    AppErrorEvent event =
        new AppErrorEvent("listings-cleaner", "HANDLER_ROUTED_ERROR", "x".repeat(10_000), AT, null, details);

    JsonNode json = new ObjectMapper().readTree(event.toJson());

    assertThat(json.get("message").asText()).hasSize(AppErrorEvent.MAX_MESSAGE_CHARS).endsWith("…");
    assertThat(json.get("instance").isNull()).isTrue();
    assertThat(json.get("details").size()).isEqualTo(1);
    assertThat(json.get("details").get("topic").asText()).isEqualTo("listings.raw.v1");
  }

  @Test
  void producerSettingsKeepTheClientsSecurityButNeverATransaction() {
    Map<String, Object> streamsProducer = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "b-1:9098",
        "security.protocol", "SASL_SSL",
        "sasl.mechanism", "AWS_MSK_IAM",
        ProducerConfig.TRANSACTIONAL_ID_CONFIG, "listings-cleaner-1",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        "listings.cleaner.clock", java.time.Clock.systemUTC());

    Map<String, Object> config = AppErrorPublisher.producerConfig(streamsProducer, "listings-cleaner-app-errors");

    assertThat(config).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "b-1:9098")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "AWS_MSK_IAM")
        .containsEntry(ProducerConfig.CLIENT_ID_CONFIG, "listings-cleaner-app-errors")
        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false)
        .doesNotContainKeys(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "listings.cleaner.clock");
  }
}
