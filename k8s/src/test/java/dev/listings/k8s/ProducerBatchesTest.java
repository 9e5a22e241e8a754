package dev.listings.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.k8s.render.Resource;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every producer on the bulk path, the connector's and those of the two Kafka Streams apps, is deployed with the same
 * 256 KiB batches the local stack runs with (docs/adr/0018): a backfill or a large object then goes out in large
 * produce requests wherever it runs.
 */
class ProducerBatchesTest {
  static final String BATCH_BYTES = "262144";
  static final List<String> OVERLAYS = Overlay.NAMES;
  static final List<QuarkusApp> STREAMS_APPS =
      QuarkusApp.ALL.stream().filter(app -> app.kafkaPrefix().equals("kafka-streams")).toList();

  @ParameterizedTest
  @FieldSource("STREAMS_APPS")
  void streamsAppsBatchTheirProducersInEveryProfile(QuarkusApp app) {
    assertThat(STREAMS_APPS).hasSize(2);
    for (String profile : List.of("dev", "prod", "msk")) {
      assertThat(app.property(profile, "kafka-streams.producer.batch.size")).as(app.module() + " " + profile)
          .isEqualTo(BATCH_BYTES);
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void strimziConnectWorkerBatchesItsProducers(String name) {
    Resource connect = Overlay.render(name).get("KafkaConnect", "listings-connect");

    assertThat(String.valueOf(Resource.map(connect.body(), "spec", "config").get("producer.batch.size")))
        .isEqualTo(BATCH_BYTES);
  }

  @Test
  void mskConnectWorkerBatchesItsProducers() throws IOException {
    Properties worker = new Properties();
    try (Reader reader = Files.newBufferedReader(ConnectTest.MSK_CONNECT.resolve("worker.properties"))) {
      worker.load(reader);
    }

    assertThat(worker.getProperty("producer.batch.size")).isEqualTo(BATCH_BYTES);
  }
}
