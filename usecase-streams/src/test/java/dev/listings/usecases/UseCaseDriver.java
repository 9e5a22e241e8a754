package dev.listings.usecases;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.MarketActivity;
import dev.listings.schemas.avro.PriceChange;
import dev.listings.schemas.avro.PricePerSqmStats;
import dev.listings.schemas.registry.InMemorySchemaRegistryClient;
import dev.listings.schemas.serde.AvroSerdeConfig;
import dev.listings.schemas.serde.AvroSerdes;
import dev.listings.usecases.topology.CountingUseCaseMetrics;
import dev.listings.usecases.topology.UseCaseOptions;
import dev.listings.usecases.topology.UseCaseTopics;
import dev.listings.usecases.topology.UseCaseTopology;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The use-case topology in a TopologyTestDriver with an in-memory registry of its own. */
public final class UseCaseDriver implements AutoCloseable {
  public static final Instant START = Instant.parse("2024-06-01T08:00:00Z");

  private final String scope = "usecases-" + UUID.randomUUID();
  private final Map<String, Object> serdeConfig =
      Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
  private final CountingUseCaseMetrics metrics = new CountingUseCaseMetrics();
  private final UseCaseTopology topology;
  private final TopologyTestDriver driver;
  private final TestInputTopic<String, CuratedListing> curated;
  private final Path stateDir = StateDirs.create();
  private Instant clock = START;

  public UseCaseDriver(Collection<String> useCases, UseCaseOptions options) {
    QuietLogging.apply();
    topology = new UseCaseTopology(UseCaseTopics.defaults(), useCases, serdeConfig, options, metrics);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, UseCaseTopology.DEFAULT_APPLICATION_ID);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.putAll(topology.requiredStreamsConfig());
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    driver = new TopologyTestDriver(topology.build(), props, START);
    curated =
        driver.createInputTopic(
            UseCaseTopics.defaults().curated(),
            new StringSerializer(),
            AvroSerdes.<CuratedListing>valueSerde(serdeConfig).serializer());
  }

  public UseCaseDriver(String useCase) {
    this(List.of(useCase), UseCaseOptions.defaults());
  }

  /** Sends curated records, each one second after the previous, as the cleaner would over time. */
  public UseCaseDriver send(CuratedListing... listings) {
    for (CuratedListing listing : listings) {
      clock = clock.plusSeconds(1);
      curated.pipeInput(listing.getId(), listing, clock);
    }
    return this;
  }

  /** Sends one curated record with the given headers, one second after the previous record. */
  public UseCaseDriver send(CuratedListing listing, org.apache.kafka.common.header.Headers headers) {
    clock = clock.plusSeconds(1);
    curated.pipeInput(new org.apache.kafka.streams.test.TestRecord<>(listing.getId(), listing, headers, clock));
    return this;
  }

  public UseCaseDriver send(List<CuratedListing> listings) {
    return send(listings.toArray(CuratedListing[]::new));
  }

  public Instant lastTimestamp() {
    return clock;
  }

  public Map<String, PricePerSqmStats> latestStats() {
    return latest(UseCaseTopology.PRICE_PER_SQM_TOPIC);
  }

  public List<PricePerSqmStats> statsUpdates() {
    return this.<PricePerSqmStats>output(UseCaseTopology.PRICE_PER_SQM_TOPIC).readValuesToList();
  }

  public List<org.apache.kafka.streams.test.TestRecord<String, PriceChange>> priceChanges() {
    return this.<PriceChange>output(UseCaseTopology.PRICE_CHANGES_TOPIC).readRecordsToList();
  }

  public Map<String, MarketActivity> latestActivity() {
    return latest(UseCaseTopology.MARKET_ACTIVITY_TOPIC);
  }

  public <V extends SpecificRecord> Map<String, V> latest(String topic) {
    return new LinkedHashMap<>(this.<V>output(topic).readKeyValuesToMap());
  }

  public <V extends SpecificRecord> TestOutputTopic<String, V> output(String topic) {
    return driver.createOutputTopic(
        topic, new StringDeserializer(), AvroSerdes.<V>valueSerde(serdeConfig).deserializer());
  }

  public <V> KeyValueStore<String, V> store(String name) {
    return driver.getKeyValueStore(name);
  }

  /** Read access to the driver's stores, as the query API has to a running application's. */
  public dev.listings.usecases.query.StoreAccess storeAccess() {
    return new DriverStoreAccess(driver);
  }

  public CountingUseCaseMetrics metrics() {
    return metrics;
  }

  public UseCaseTopology topology() {
    return topology;
  }

  @Override
  public void close() {
    driver.close();
    InMemorySchemaRegistryClient.dropScope(scope);
    StateDirs.delete(stateDir);
    Serdes.String().close();
  }
}
