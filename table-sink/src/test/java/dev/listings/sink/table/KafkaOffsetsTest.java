package dev.listings.sink.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class KafkaOffsetsTest {
  private static final TopicPartition C0 = new TopicPartition("listings.curated.v1", 0);
  private static final TopicPartition C1 = new TopicPartition("listings.curated.v1", 1);
  private static final TopicPartition U0 = new TopicPartition("usecase.price-per-sqm.v1", 0);

  @Test
  void writesOffsetsAsJsonByTopicAndPartition() {
    assertThat(KafkaOffsets.toJson(Map.of(C1, 7L, C0, 12L, U0, 3L)))
        .isEqualTo("{\"listings.curated.v1\":{\"0\":12,\"1\":7},\"usecase.price-per-sqm.v1\":{\"0\":3}}");
  }

  @Test
  void readsBackWhatItWrites() {
    Map<TopicPartition, Long> offsets = Map.of(C0, 12L, C1, 0L, U0, 9_000_000_000L);
    assertThat(KafkaOffsets.fromJson(KafkaOffsets.toJson(offsets))).isEqualTo(offsets);
  }

  @Test
  void mergeKeepsPartitionsTheBatchDidNotTouch() {
    assertThat(KafkaOffsets.merge(Map.of(C0, 10L, C1, 5L), Map.of(C1, 8L, U0, 1L)))
        .isEqualTo(Map.of(C0, 10L, C1, 8L, U0, 1L));
  }

  @Test
  void refusesSummariesThatAreNotOffsets() {
    assertThatThrownBy(() -> KafkaOffsets.fromJson("[1,2]")).hasMessageContaining("not offsets JSON");
    assertThatThrownBy(() -> KafkaOffsets.fromJson("{\"t\":{\"0\":-1}}")).hasMessageContaining("invalid offset");
  }
}
