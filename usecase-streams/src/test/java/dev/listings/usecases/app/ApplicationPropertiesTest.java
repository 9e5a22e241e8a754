package dev.listings.usecases.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.schemas.serde.AvroSerdeConfig;
import dev.listings.usecases.topology.UseCaseOptions;
import dev.listings.usecases.topology.UseCaseTopics;
import dev.listings.usecases.topology.UseCaseTopology;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The application's configuration carries what the topology requires, since Quarkus builds the Streams config. */
class ApplicationPropertiesTest {

  private static Properties applicationProperties() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = ApplicationPropertiesTest.class.getResourceAsStream("/application.properties")) {
      properties.load(in);
    }
    return properties;
  }

  @Test
  void passesEveryRequiredStreamsSettingToKafkaStreams() throws IOException {
    Properties properties = applicationProperties();
    UseCaseTopology topology =
        new UseCaseTopology(
            UseCaseTopics.defaults(),
            UseCaseTopology.availableUseCases(),
            Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://properties-test"),
            UseCaseOptions.defaults());

    topology
        .requiredStreamsConfig()
        .forEach((key, value) -> assertThat(properties.getProperty("kafka-streams." + key)).isEqualTo(value));
  }

  @Test
  void enablesEveryUseCaseAndNoDevServices() throws IOException {
    Properties properties = applicationProperties();

    assertThat(Arrays.asList(properties.getProperty("usecases.enabled").split(",")))
        .containsExactlyInAnyOrderElementsOf(UseCaseTopology.availableUseCases());
    assertThat(properties.getProperty("quarkus.devservices.enabled")).isEqualTo("false");
    assertThat(properties.getProperty("quarkus.kafka-streams.application-id"))
        .contains(UseCaseTopology.DEFAULT_APPLICATION_ID);
  }
}
