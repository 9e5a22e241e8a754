package dev.listings.usecases.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.listings.schemas.Topics;
import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.PricePerSqmStats;
import dev.listings.schemas.serde.AvroSerdeConfig;
import dev.listings.schemas.serde.AvroSerdes;
import dev.listings.usecases.Listings;
import dev.listings.usecases.topology.UseCaseTopology;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged application, in its own JVM, on a real broker and registry: curated records in, Avro results out,
 * answers over HTTP.
 */
@QuarkusIntegrationTest
@WithTestResource(EmbeddedKafkaAndRegistry.class)
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UseCaseApplicationIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private String bootstrapServers;
  private String registryUrl;

  @BeforeAll
  void sendCuratedListings() {
    bootstrapServers = EmbeddedKafkaAndRegistry.bootstrapServers();
    registryUrl = EmbeddedKafkaAndRegistry.registryUrl();
    RestAssured.port = EmbeddedKafkaAndRegistry.httpPort();
    Map<String, Object> serde = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (KafkaProducer<String, CuratedListing> producer =
        new KafkaProducer<>(
            props, new StringSerializer(), AvroSerdes.<CuratedListing>valueSerde(serde).serializer())) {
      for (CuratedListing listing :
          List.of(
              Listings.withPricePerSqm("a", "Bern", "apartment", "2023-03-02", 6000),
              Listings.withPricePerSqm("b", "Bern", "apartment", "2023-03-10", 7000),
              Listings.withPricePerSqm("c", "Zürich", "apartment", "2023-03-04", 12000),
              Listings.listing("L1", "Thun", "house", LocalDate.parse("2023-03-01"), 800_000, 160, "CHF", 7),
              Listings.listing("L1", "Thun", "house", LocalDate.parse("2023-03-15"), 760_000, 160, "CHF", 8),
              // same key, so same partition: once May 10 has been seen there, March (grace one day) is closed
              Listings.listing("S1", "Sion", "house", LocalDate.parse("2023-05-10"), 700_000, 140, "CHF", 9),
              Listings.listing("S1", "Sion", "house", LocalDate.parse("2023-03-20"), 650_000, 140, "CHF", 10))) {
        producer.send(new ProducerRecord<>(Topics.CURATED, listing.getId(), listing));
      }
      producer.flush();
    }
  }

  @Test
  void servesStatisticsOfOneGroup() {
    Response response = await("/usecases/price-per-sqm/stats/Bern/apartment/2023-03", "\"count\":2");

    assertThat(response.jsonPath().getDouble("median")).isEqualTo(7000.0); // upper middle value of 6000 and 7000
    assertThat(response.jsonPath().getDouble("mean")).isEqualTo(6500.0);
    assertThat(response.jsonPath().getString("municipality")).isEqualTo("Bern");
  }

  @Test
  void servesTheTopMunicipalitiesByMedian() {
    await("/usecases/price-per-sqm/stats/Bern/apartment/2023-03", "\"count\":2");
    await("/usecases/price-per-sqm/stats/Zürich/apartment/2023-03", "\"count\":1");

    given().queryParam("type", "apartment").queryParam("month", "2023-03").queryParam("n", 2)
        .when().get("/usecases/price-per-sqm/top")
        .then().statusCode(200)
        .body("municipality", equalTo(List.of("Zürich", "Bern")));
  }

  @Test
  void servesRecentPriceChangesAndMarketActivity() {
    Response changes = await("/usecases/price-changes/L1", "760000");
    assertThat(changes.jsonPath().getList("oldPrice", Double.class)).containsExactly(800_000.0);

    await("/usecases/market-activity/Thun/2023-03-01", "\"newListings\":1");
  }

  @Test
  void servesThisInstancesPartOfTheTop() {
    await("/usecases/price-per-sqm/stats/Bern/apartment/2023-03", "\"count\":2");
    await("/usecases/price-per-sqm/stats/Zürich/apartment/2023-03", "\"count\":1");

    given().queryParam("type", "apartment").queryParam("month", "2023-03").queryParam("n", 5)
        .queryParam("minCount", 2)
        .when().get("/usecases/price-per-sqm/top/local")
        .then().statusCode(200)
        .body("municipality", equalTo(List.of("Bern")));
  }

  @Test
  void countsARecordLaterThanTheGraceAndLeavesItOutOfItsMonth() {
    await("/usecases/price-per-sqm/stats/Sion/house/2023-05", "\"count\":1");
    String late = "listings_usecase_skipped_records_total{reason=\"late\",usecase=\"price-per-sqm\"";

    String metrics = awaitMetric(late, 1.0);

    assertThat(metric(metrics, late)).isEqualTo(1.0);
    given().when().get("/usecases/price-per-sqm/stats/Sion/house/2023-03").then().statusCode(404);
  }

  @Test
  void answersClientErrorsAndMissingKeys() {
    await("/usecases/price-per-sqm/stats/Bern/apartment/2023-03", "\"count\":2");

    given().when().get("/usecases/price-per-sqm/stats/Bern/house/2023-03").then().statusCode(404);
    given().when().get("/usecases/price-per-sqm/stats/Bern/house/March").then().statusCode(400);
    given().when().get("/usecases/price-per-sqm/top?type=house&month=2023-03&n=0").then().statusCode(400);
    given().when().get("/usecases/price-changes/never-seen").then().statusCode(404);
    given().when().get("/usecases/market-activity/Bern/2023-03-01").then().statusCode(404);
    given().when().get("/usecases/market-activity/Bern/yesterday").then().statusCode(400);
  }

  @Test
  void writesAvroResultsToTheUseCaseTopic() {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "usecases-it-reader");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, PricePerSqmStats> latest = new HashMap<>();
    try (KafkaConsumer<String, PricePerSqmStats> consumer =
        new KafkaConsumer<>(
            config,
            new StringDeserializer(),
            AvroSerdes.<PricePerSqmStats>valueSerde(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl))
                .deserializer())) {
      consumer.subscribe(List.of(UseCaseTopology.PRICE_PER_SQM_TOPIC));
      Instant deadline = Instant.now().plus(WAIT);
      while (!(latest.containsKey("Zürich|apartment|2023-03")
              && latest.containsKey("Bern|apartment|2023-03")
              && latest.get("Bern|apartment|2023-03").getCount() == 2)
          && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, PricePerSqmStats> record : consumer.poll(Duration.ofMillis(500))) {
          latest.put(record.key(), record.value());
        }
      }
    }
    assertThat(latest).containsKeys("Bern|apartment|2023-03", "Zürich|apartment|2023-03");
    assertThat(latest.get("Bern|apartment|2023-03").getCount()).isEqualTo(2);
  }

  @Test
  void exposesHealthMetricsAndOpenApi() {
    await("/usecases/price-per-sqm/stats/Bern/apartment/2023-03", "\"count\":2");

    given().when().get("/q/health/ready").then().statusCode(200);
    given().when().get("/q/health/live").then().statusCode(200);
    given().when().get("/q/metrics").then().statusCode(200)
        .body(containsString("listings_usecase_updates_total{usecase=\"price-per-sqm\""))
        .body(containsString("listings_usecase_skipped_records_total{reason=\"out-of-order\",usecase=\"price-changes\""));
    String openApi = given().when().get("/q/openapi").then().statusCode(200).extract().asString();
    assertThat(openApi).contains(
        "/usecases/price-per-sqm/stats/{municipality}/{type}/{month}",
        "/usecases/price-per-sqm/top",
        "/usecases/price-per-sqm/top/local",
        "/usecases/price-changes/{id}",
        "/usecases/market-activity/{municipality}/{date}",
        "/usecases/metadata");
    given().when().get("/usecases/metadata").then().statusCode(200).body(containsString("price-per-sqm-stats"));
  }

  /** Polls the Prometheus metrics until the sample that starts with {@code sample} has {@code value}. */
  private static String awaitMetric(String sample, double value) {
    Instant deadline = Instant.now().plus(WAIT);
    String metrics;
    do {
      metrics = given().when().get("/q/metrics").asString();
      if (metric(metrics, sample) == value) {
        return metrics;
      }
      sleep(250);
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError(sample + " did not reach " + value + " in " + WAIT);
  }

  /** The value of the first sample line starting with {@code sample}, or NaN. */
  private static double metric(String metrics, String sample) {
    return metrics.lines()
        .filter(line -> line.startsWith(sample))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(Double.NaN);
  }

  /** Polls {@code path} until it answers 200 with {@code expected} in the body; 503 while stores start is expected. */
  private static Response await(String path, String expected) {
    Instant deadline = Instant.now().plus(WAIT);
    Response last;
    do {
      last = given().redirects().follow(true).when().get(path);
      if (last.statusCode() == 200 && last.asString().contains(expected)) {
        return last;
      }
      if (last.asString().contains("Kafka Streams is ERROR")) {
        break;
      }
      sleep(250);
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError(path + " did not answer " + expected + " in " + WAIT + "; last: "
        + last.statusCode() + " " + last.asString());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
