package dev.listings.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
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

  /** An admin client whose describe fails with {@code failure} for the first {@code failures} calls. */
  private static final class LaggingAdmin extends ForwardingAdmin {
    final AtomicInteger calls = new AtomicInteger();
    private final int failures;
    private final RuntimeException failure;

    LaggingAdmin(int failures, RuntimeException failure) {
      super(Map.of("bootstrap.servers", "localhost:1"));
      this.failures = failures;
      this.failure = failure;
    }

    @Override
    public DescribeTopicsResult describeTopics(TopicCollection topics, DescribeTopicsOptions options) {
      String topic = ((TopicCollection.TopicNameCollection) topics).topicNames().iterator().next();
      KafkaFutureImpl<TopicDescription> future = new KafkaFutureImpl<>();
      if (calls.incrementAndGet() <= failures) {
        future.completeExceptionally(failure);
      } else {
        Node node = new Node(1, "localhost", 9092);
        future.complete(new TopicDescription(topic, false,
            List.of(new TopicPartitionInfo(0, node, List.of(node), List.of(node)))));
      }
      return new DescribeTopicsResult(null, Map.<String, KafkaFuture<TopicDescription>>of(topic, future)) { };
    }
  }

  @Test
  void aNewTopicTheAnsweringBrokerDoesNotKnowYetIsDescribedOnceItDoes() throws Exception {
    try (LaggingAdmin admin = new LaggingAdmin(3, new UnknownTopicOrPartitionException("not yet"))) {
      TopicDescription description = TopicPartitions.describeOnceKnown(admin, "new", Duration.ofSeconds(30));

      assertThat(description.name()).isEqualTo("new");
      assertThat(admin.calls).hasValue(4);
    }
  }

  @Test
  void aTopicStillUnknownAfterTheTimeoutIsAnError() {
    try (LaggingAdmin admin = new LaggingAdmin(Integer.MAX_VALUE, new UnknownTopicOrPartitionException("missing"))) {
      assertThatThrownBy(() -> TopicPartitions.describeOnceKnown(admin, "missing", Duration.ofMillis(300)))
          .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
      assertThat(admin.calls.get()).isGreaterThan(1);
    }
  }

  @Test
  void anyOtherFailureIsNotWaitedOut() {
    try (LaggingAdmin admin = new LaggingAdmin(Integer.MAX_VALUE, new TopicAuthorizationException("denied"))) {
      assertThatThrownBy(() -> TopicPartitions.describeOnceKnown(admin, "t", Duration.ofSeconds(30)))
          .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
      assertThat(admin.calls).hasValue(1);
    }
  }
}
