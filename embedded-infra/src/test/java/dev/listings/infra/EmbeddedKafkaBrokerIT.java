package dev.listings.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
class EmbeddedKafkaBrokerIT {
  @TempDir Path dir;

  @Test
  void createsTopicsIdempotentlyWithTheirConfigs() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0)) {
      broker.createTopic("ledger", 3, Map.of("cleanup.policy", "compact"));
      broker.createTopic("ledger", 1, Map.of()); // already there: left as it is

      TopicDescription topic = broker.admin().describeTopics(List.of("ledger")).allTopicNames().get().get("ledger");
      assertThat(topic.partitions()).hasSize(3);
      var resource = new ConfigResource(ConfigResource.Type.TOPIC, "ledger");
      var config = broker.admin().describeConfigs(List.of(resource)).all().get().get(resource);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }
  }

  @Test
  void refusesToCreateTopicsImplicitly() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0);
        KafkaProducer<String, String> producer =
            Records.producer(broker.bootstrapServers(), Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000))) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>("undeclared", "v")).get())
          .hasMessageContaining("undeclared");
      assertThat(broker.admin().listTopics().names().get()).doesNotContain("undeclared");
    }
  }

  @Test
  void readCommittedConsumersSeeCommittedTransactionsOnly() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0)) {
      broker.createTopic("orders", 2, Map.of());
      try (KafkaProducer<String, String> producer =
          Records.producer(broker.bootstrapServers(), Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-orders"))) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("orders", "k", "committed"));
        producer.commitTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("orders", "k", "aborted"));
        producer.flush();
        producer.abortTransaction();
      }
      try (KafkaProducer<String, String> plain = Records.producer(broker.bootstrapServers(), Map.of())) {
        plain.send(new ProducerRecord<>("orders", "k", "plain")).get();
      }

      assertThat(Records.committedValues(broker.bootstrapServers(), "orders", 2))
          .containsExactly("committed", "plain");
      assertThat(Records.values(broker.bootstrapServers(), "orders", "read_uncommitted", 3))
          .containsExactly("committed", "aborted", "plain");
    }
  }

  @Test
  void restartOnTheSameDataDirKeepsClusterTopicsAndRecords() throws Exception {
    String clusterId;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0);
        KafkaProducer<String, String> producer = Records.producer(broker.bootstrapServers(), Map.of())) {
      clusterId = broker.clusterId();
      broker.createTopic("kept", 1, Map.of());
      producer.send(new ProducerRecord<>("kept", "before restart")).get();
    }
    try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(dir, 0)) {
      assertThat(again.clusterId()).isEqualTo(clusterId);
      assertThat(again.admin().describeCluster().clusterId().get()).isEqualTo(clusterId);
      assertThat(Records.committedValues(again.bootstrapServers(), "kept", 1)).containsExactly("before restart");
    }
  }

  @Test
  void freshDataDirIsANewCluster() throws Exception {
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(dir.resolve("a"), 0);
        EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start(dir.resolve("b"), 0)) {
      assertThat(first.clusterId()).isNotBlank().isNotEqualTo(second.clusterId());
      assertThat(first.bootstrapServers()).isNotEqualTo(second.bootstrapServers());
    }
  }

  @Test
  void fallsBackToAFreePortWhenThePreferredOneIsBusy() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, busy.getLocalPort())) {
      assertThat(broker.bootstrapServers())
          .startsWith("localhost:")
          .isNotEqualTo("localhost:" + busy.getLocalPort());
      assertThat(broker.admin().describeCluster().nodes().get()).hasSize(1);
    }
  }

  @Test
  void aPortTakenAtBindTimeFailsCleanlyAndFreesTheDataDir() throws Exception {
    Path logDir = dir.resolve("log");
    try (EmbeddedKafkaBroker first = EmbeddedKafkaBroker.start(dir, 0)) {
      first.createTopic("survives", 1, Map.of());
    }
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> EmbeddedKafkaBroker.startOn(logDir, busy.getLocalPort(), Ports.preferredOrFree(0)))
          .isInstanceOf(IOException.class);
    }
    assertThat(Files.exists(logDir.resolve("meta.properties"))).isTrue();
    try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(dir, 0)) {
      assertThat(again.admin().listTopics().names().get()).contains("survives");
    }
  }
}
