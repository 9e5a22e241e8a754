package dev.listings.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TopicPartitionsTest {
  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

  private static List<PartitionInfo> partitions(String topic, int count) {
    Node node = new Node(1, "localhost", 9092);
    return java.util.stream.IntStream.range(0, count)
        .mapToObj(p -> new PartitionInfo(topic, p, node, new Node[] {node}, new Node[] {node}))
        .toList();
  }

  @Test
  void aKnownTopicsPartitionsComeBackAtOnce() {
    consumer.updatePartitions("t", partitions("t", 3));
    assertThat(TopicPartitions.of(consumer, "t", Duration.ofSeconds(1)))
        .containsExactly(new TopicPartition("t", 0), new TopicPartition("t", 1), new TopicPartition("t", 2));
  }

  @Test
  void aTopicThatShowsUpInTheMetadataLaterIsWaitedFor() throws Exception {
    Thread later = new Thread(() -> {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        return;
      }
      consumer.updatePartitions("new", partitions("new", 2));
    });
    later.start();
    assertThat(TopicPartitions.of(consumer, "new", Duration.ofSeconds(30))).hasSize(2);
    later.join();
  }

  @Test
  void aTopicWithNoPartitionsAfterTheTimeoutIsAnError() {
    assertThatThrownBy(() -> TopicPartitions.of(consumer, "missing", Duration.ofMillis(300)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Topic missing has no partitions");
  }
}
