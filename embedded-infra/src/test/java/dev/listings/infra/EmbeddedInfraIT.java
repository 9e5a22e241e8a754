package dev.listings.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

@Tag("integration")
class EmbeddedInfraIT {
  @TempDir Path dir;

  @Test
  void brokerKeepsCommittedTransactionsAcrossARestart() throws Exception {
    String bootstrap;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
      bootstrap = broker.bootstrapServers();
      broker.createTopic("t", 2, Map.of());
      broker.createTopic("t", 2, Map.of()); // idempotent
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-test");
      try (KafkaProducer<String, String> producer =
          new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("t", "k", "committed"));
        producer.commitTransaction();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>("t", "k", "aborted"));
        producer.flush();
        producer.abortTransaction();
      }
      assertThat(readCommitted(bootstrap, "t", 1)).containsExactly("committed");
    }
    try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
      assertThat(readCommitted(again.bootstrapServers(), "t", 1)).containsExactly("committed");
    }
  }

  @Test
  void s3StoresAndListsObjectsThroughTheAwsSdk() throws Exception {
    try (EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve("s3"), 0);
        S3Client client = S3Client.builder()
            .endpointOverride(s3.endpoint())
            .forcePathStyle(true)
            .region(Region.of(s3.region()))
            .credentialsProvider(StaticCredentialsProvider.create(
                AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
            .httpClient(UrlConnectionHttpClient.create())
            .build()) {
      s3.createBucket("landing");
      s3.createBucket("landing");
      client.putObject(b -> b.bucket("landing").key("in/a.jsonl"), RequestBody.fromString("{\"id\":1}\n"));
      assertThat(client.getObjectAsBytes(b -> b.bucket("landing").key("in/a.jsonl")).asUtf8String())
          .isEqualTo("{\"id\":1}\n");
      assertThat(client.listObjectsV2(b -> b.bucket("landing").prefix("in/")).contents())
          .extracting(o -> o.key()).containsExactly("in/a.jsonl");
      var range = client.getObjectAsBytes(b -> b.bucket("landing").key("in/a.jsonl").range("bytes=2-3"));
      assertThat(range.asUtf8String()).isEqualTo("id");
    }
  }

  @Test
  void connectRunsAClasspathConnectorAndResumesFromItsOffsets() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
      broker.createTopic("numbers", 1, Map.of());
      Map<String, String> config = Map.of(
          "connector.class", CountingSourceConnector.class.getName(),
          "tasks.max", "1",
          "topic", "numbers",
          "count", "50",
          "exactly.once.support", "required",
          "value.converter", "org.apache.kafka.connect.storage.StringConverter");
      try (EmbeddedConnectWorker worker =
          EmbeddedConnectWorker.start(broker.bootstrapServers(), dir.resolve("connect"), 0, Map.of())) {
        worker.createOrReplaceConnector("counter", config);
        assertThat(worker.connectorState("counter").running()).isTrue();
        assertThat(readCommitted(broker.bootstrapServers(), "numbers", 50)).hasSize(50);
      }
      try (EmbeddedConnectWorker worker =
          EmbeddedConnectWorker.start(broker.bootstrapServers(), dir.resolve("connect"), 0, Map.of())) {
        worker.createOrReplaceConnector("counter", Map.of(
            "connector.class", CountingSourceConnector.class.getName(), "tasks.max", "1", "topic", "numbers",
            "count", "60", "exactly.once.support", "required",
            "value.converter", "org.apache.kafka.connect.storage.StringConverter"));
        List<String> all = readCommitted(broker.bootstrapServers(), "numbers", 60);
        assertThat(all).hasSize(60).doesNotHaveDuplicates();
      }
    }
  }

  private static List<String> readCommitted(String bootstrap, String topic, int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline && values.size() < expected) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
      }
      consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
    }
    return values;
  }
}
