package dev.listings.usecases.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.schemas.serde.AvroSerdeConfig;
import dev.listings.usecases.QuietLogging;
import dev.listings.usecases.StateDirs;
import dev.listings.usecases.pricepersqm.PricePerSqmUseCase;
import dev.listings.usecases.topology.UseCaseOptions;
import dev.listings.usecases.topology.UseCaseTopics;
import dev.listings.usecases.topology.UseCaseTopology;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** Before Kafka Streams runs, every query answers "unavailable" at once instead of failing or waiting. */
class KafkaStreamsStoreAccessTest {

  @Test
  void answersUnavailableBeforeKafkaStreamsRuns() {
    QuietLogging.apply();
    Path stateDir = StateDirs.create();
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "store-access-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    UseCaseTopology topology =
        new UseCaseTopology(
            UseCaseTopics.defaults(),
            List.of(PricePerSqmUseCase.NAME),
            Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://store-access-test"),
            UseCaseOptions.defaults());
    try (KafkaStreams streams = new KafkaStreams(topology.build(), props)) {
      StoreAccess access = new KafkaStreamsStoreAccess(streams, HostInfo.unavailable());

      assertThat(access.locate(PricePerSqmUseCase.STATS_STORE, "Bern|house|2023-03"))
          .isInstanceOf(KeyLocation.Unknown.class);
      assertThat(access.hostsOf(PricePerSqmUseCase.STATS_STORE)).isEmpty();
      assertThatThrownBy(() -> access.local(PricePerSqmUseCase.STATS_STORE, null))
          .isInstanceOf(StoreUnavailableException.class);
      assertThat(new PricePerSqmQueries(access).stats("Bern", "house", YearMonth.of(2023, 3)))
          .isInstanceOf(QueryResult.Unavailable.class);
      assertThat(new PricePerSqmQueries(access).localTop("house", YearMonth.of(2023, 3), 5, 1))
          .isInstanceOf(QueryResult.Unavailable.class);
      assertThat(new TopMunicipalities(access, (h, t, m, n, c) -> List.of()).top("house", YearMonth.of(2023, 3), 5, 1))
          .isInstanceOf(QueryResult.Unavailable.class);
    } finally {
      StateDirs.delete(stateDir);
    }
  }
}
