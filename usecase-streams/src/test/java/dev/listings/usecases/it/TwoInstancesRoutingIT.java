package dev.listings.usecases.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.schemas.Topics;
import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.registry.InMemorySchemaRegistryClient;
import dev.listings.schemas.serde.AvroSerdeConfig;
import dev.listings.schemas.serde.AvroSerdes;
import dev.listings.usecases.IndependentStats;
import dev.listings.usecases.Listings;
import dev.listings.usecases.QuietLogging;
import dev.listings.usecases.StateDirs;
import dev.listings.usecases.pricepersqm.PricePerSqmUseCase;
import dev.listings.usecases.query.KafkaStreamsStoreAccess;
import dev.listings.usecases.query.KeyLocation;
import dev.listings.usecases.query.MarketActivityQueries;
import dev.listings.usecases.query.MarketActivityView;
import dev.listings.usecases.query.PriceChangeQueries;
import dev.listings.usecases.query.PriceChangeView;
import dev.listings.usecases.query.PricePerSqmQueries;
import dev.listings.usecases.query.PricePerSqmView;
import dev.listings.usecases.query.QueryResult;
import dev.listings.usecases.query.StoreAccess;
import dev.listings.usecases.query.TopMunicipalities;
import dev.listings.usecases.topology.UseCaseOptions;
import dev.listings.usecases.topology.UseCaseTopics;
import dev.listings.usecases.topology.UseCaseTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two instances of the application (two KafkaStreams in this JVM, with different {@code application.server}) sharing
 * the partitions of a real broker: both agree, from Kafka Streams' metadata, on which instance owns each key; the owner
 * answers from its local store, the other points to the owner; and a top-N over both instances equals the answer
 * computed from all the data. The HTTP hop between instances is replaced by a direct call to the other instance's query
 * classes (the HTTP mapping and client are tested on their own).
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesRoutingIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final int PARTITIONS = 4;
  private static final YearMonth MARCH = YearMonth.of(2023, 3);
  private static final List<String> MUNICIPALITIES = List.of(
      "Bern", "Zürich", "Basel", "Genève", "Lausanne", "Thun", "Biel", "Chur", "Sion", "Zug", "Aarau", "Olten");
  private static final HostInfo HOST_A = new HostInfo("instance-a", 8081);
  private static final HostInfo HOST_B = new HostInfo("instance-b", 8082);

  private final String registryScope = "two-instances-it";
  private Path dataDir;
  private EmbeddedKafkaBroker broker;
  private final List<Path> stateDirs = new ArrayList<>();
  private KafkaStreams streamsA;
  private KafkaStreams streamsB;
  private StoreAccess a;
  private StoreAccess b;
  /** Every price per m² sent, by group topic key; every price sent, by listing id, in order. */
  private final Map<String, List<Double>> sentStats = new LinkedHashMap<>();
  private final Map<String, List<Double>> sentPrices = new LinkedHashMap<>();

  @BeforeAll
  void startTwoInstancesAndSendListings() throws Exception {
    QuietLogging.apply();
    dataDir = StateDirs.create();
    broker = EmbeddedKafkaBroker.start(dataDir, 0);
    broker.createTopic(Topics.CURATED, PARTITIONS, Map.of());
    for (String useCase : UseCaseTopology.availableUseCases()) {
      broker.createTopic(UseCaseTopics.defaults().output(useCase), 1, Map.of());
    }
    streamsA = start(HOST_A);
    streamsB = start(HOST_B);
    a = new KafkaStreamsStoreAccess(streamsA, HOST_A);
    b = new KafkaStreamsStoreAccess(streamsB, HOST_B);
    await(() -> streamsA.state() == KafkaStreams.State.RUNNING && streamsB.state() == KafkaStreams.State.RUNNING
        && a.hostsOf(PricePerSqmUseCase.STATS_STORE).size() == 2, "both instances running with stores");
    send();
    await(this::everyGroupAnswered, "every group's statistics to be queryable on its owner");
  }

  @AfterAll
  void stop() {
    for (KafkaStreams streams : new KafkaStreams[] {streamsA, streamsB}) {
      if (streams != null) {
        streams.close(Duration.ofSeconds(30));
      }
    }
    if (broker != null) {
      broker.close();
    }
    InMemorySchemaRegistryClient.dropScope(registryScope);
    stateDirs.forEach(StateDirs::delete);
    if (dataDir != null) {
      StateDirs.delete(dataDir);
    }
  }

  @Test
  void bothInstancesAgreeOnTheOwnerAndOnlyTheOwnerAnswersLocally() {
    Map<HostInfo, Integer> owned = new HashMap<>();
    for (String key : sentStats.keySet()) {
      HostInfo ownerSeenByA = owner(a, key);
      HostInfo ownerSeenByB = owner(b, key);
      assertThat(ownerSeenByA).as("owner of %s", key).isEqualTo(ownerSeenByB);
      owned.merge(ownerSeenByA, 1, Integer::sum);

      String[] parts = key.split("\\|");
      StoreAccess ownerAccess = ownerSeenByA.equals(HOST_A) ? a : b;
      StoreAccess otherAccess = ownerSeenByA.equals(HOST_A) ? b : a;
      QueryResult<PricePerSqmView> fromOwner =
          new PricePerSqmQueries(ownerAccess).stats(parts[0], parts[1], YearMonth.parse(parts[2]));
      QueryResult<PricePerSqmView> fromOther =
          new PricePerSqmQueries(otherAccess).stats(parts[0], parts[1], YearMonth.parse(parts[2]));

      assertThat(fromOwner).isInstanceOfSatisfying(QueryResult.Found.class, found ->
          assertThat(((PricePerSqmView) found.value()).count()).isEqualTo(sentStats.get(key).size()));
      assertThat(fromOther).isEqualTo(new QueryResult.Remote<>(ownerSeenByA));
    }
    // both instances own some of the groups, so the redirecting path is exercised from both sides
    assertThat(owned).containsOnlyKeys(HOST_A, HOST_B);
  }

  @Test
  void routesPriceChangesAndMarketActivityToTheirOwners() {
    for (Map.Entry<String, List<Double>> listing : sentPrices.entrySet()) {
      String id = listing.getKey();
      QueryResult<List<PriceChangeView>> fromA = new PriceChangeQueries(a).recentChanges(id);
      QueryResult<List<PriceChangeView>> fromB = new PriceChangeQueries(b).recentChanges(id);
      QueryResult<List<PriceChangeView>> local = fromA instanceof QueryResult.Found<?> ? fromA : fromB;
      QueryResult<List<PriceChangeView>> remote = local == fromA ? fromB : fromA;

      assertThat(local).as("listing %s", id).isInstanceOf(QueryResult.Found.class);
      assertThat(remote).isInstanceOf(QueryResult.Remote.class);
      List<PriceChangeView> changes = ((QueryResult.Found<List<PriceChangeView>>) local).value();
      assertThat(changes).hasSize(listing.getValue().size() - 1);
    }
    MarketActivityView bern = null;
    for (StoreAccess access : List.of(a, b)) {
      QueryResult<MarketActivityView> result =
          new MarketActivityQueries(access).newListings("Bern", LocalDate.of(2023, 3, 1));
      if (result instanceof QueryResult.Found<MarketActivityView> found) {
        bern = found.value();
      } else {
        assertThat(result).isInstanceOf(QueryResult.Remote.class);
      }
    }
    assertThat(bern).isNotNull();
    assertThat(bern.newListings()).isEqualTo(3);
  }

  @Test
  void topMunicipalitiesOverBothInstancesEqualsTheTopOverAllData() {
    List<String> expected = sentStats.entrySet().stream()
        .filter(e -> e.getKey().endsWith("|apartment|" + MARCH))
        .sorted(Comparator.comparingDouble((Map.Entry<String, List<Double>> e) ->
                IndependentStats.of(e.getValue()).orderStatistic(0.5)).reversed()
            .thenComparing(e -> e.getKey()))
        .limit(5)
        .map(e -> e.getKey().split("\\|")[0])
        .toList();
    TopMunicipalities.RemoteTop viaA = remote(a);
    TopMunicipalities.RemoteTop viaB = remote(b);

    QueryResult<List<PricePerSqmView>> askedA = new TopMunicipalities(a, viaB).top("apartment", MARCH, 5, 1);
    QueryResult<List<PricePerSqmView>> askedB = new TopMunicipalities(b, viaA).top("apartment", MARCH, 5, 1);

    assertThat(askedA).isEqualTo(askedB);
    assertThat(((QueryResult.Found<List<PricePerSqmView>>) askedA).value())
        .extracting(PricePerSqmView::municipality)
        .containsExactlyElementsOf(expected);
    // neither instance alone holds the whole answer
    List<PricePerSqmView> onlyA =
        ((QueryResult.Found<List<PricePerSqmView>>) new PricePerSqmQueries(a).localTop("apartment", MARCH, 100, 1))
            .value();
    List<PricePerSqmView> onlyB =
        ((QueryResult.Found<List<PricePerSqmView>>) new PricePerSqmQueries(b).localTop("apartment", MARCH, 100, 1))
            .value();
    assertThat(onlyA.size() + onlyB.size()).isEqualTo(MUNICIPALITIES.size());
    assertThat(onlyA).isNotEmpty();
    assertThat(onlyB).isNotEmpty();
  }

  /** Stands in for the HTTP call to another instance: that instance's local top-N. */
  private static TopMunicipalities.RemoteTop remote(StoreAccess other) {
    return (host, type, month, n, minCount) -> {
      assertThat(host).isEqualTo(other.self());
      QueryResult<List<PricePerSqmView>> answer = new PricePerSqmQueries(other).localTop(type, month, n, minCount);
      if (answer instanceof QueryResult.Found<List<PricePerSqmView>> found) {
        return found.value();
      }
      throw new java.io.IOException("not queryable: " + answer);
    };
  }

  private static HostInfo owner(StoreAccess access, String key) {
    KeyLocation location = access.locate(PricePerSqmUseCase.STATS_STORE, key);
    if (location instanceof KeyLocation.Local) {
      return access.self();
    }
    if (location instanceof KeyLocation.Remote remote) {
      return remote.owner();
    }
    throw new AssertionError("no owner for " + key + ": " + location);
  }

  private boolean everyGroupAnswered() {
    for (Map.Entry<String, List<Double>> group : sentStats.entrySet()) {
      String[] parts = group.getKey().split("\\|");
      boolean answered = false;
      for (StoreAccess access : List.of(a, b)) {
        QueryResult<PricePerSqmView> result =
            new PricePerSqmQueries(access).stats(parts[0], parts[1], YearMonth.parse(parts[2]));
        if (result instanceof QueryResult.Found<PricePerSqmView> found
            && found.value().count() == group.getValue().size()) {
          answered = true;
        }
      }
      if (!answered) {
        return false;
      }
    }
    for (String municipality : MUNICIPALITIES) {
      boolean answered = false;
      for (StoreAccess access : List.of(a, b)) {
        if (new MarketActivityQueries(access).newListings(municipality, LocalDate.of(2023, 3, 1))
                instanceof QueryResult.Found<MarketActivityView> f
            && f.value().newListings() == 3) {
          answered = true;
        }
      }
      if (!answered) {
        return false;
      }
    }
    for (String id : sentPrices.keySet()) {
      boolean answered = false;
      for (StoreAccess access : List.of(a, b)) {
        if (new PriceChangeQueries(access).recentChanges(id) instanceof QueryResult.Found<List<PriceChangeView>> f
            && f.value().size() == sentPrices.get(id).size() - 1) {
          answered = true;
        }
      }
      if (!answered) {
        return false;
      }
    }
    return true;
  }

  /** Per municipality: three apartments in March (first seen on March 1), one of them re-scraped at a new price. */
  private void send() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    Map<String, Object> serde = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + registryScope);
    try (KafkaProducer<String, CuratedListing> producer = new KafkaProducer<>(
        props, new StringSerializer(), AvroSerdes.<CuratedListing>valueSerde(serde).serializer())) {
      long line = 0;
      for (int m = 0; m < MUNICIPALITIES.size(); m++) {
        String municipality = MUNICIPALITIES.get(m);
        for (int i = 0; i < 3; i++) {
          String id = municipality + "-" + i;
          double perSqm = 3000 + 500 * m + 100 * i;
          send(producer, Listings.listing(id, municipality, "apartment", LocalDate.of(2023, 3, 1), perSqm * 100, 100,
              "CHF", ++line));
        }
        send(producer, Listings.listing(municipality + "-0", municipality, "apartment", LocalDate.of(2023, 3, 20),
            (3000 + 500 * m - 50) * 100.0, 100, "CHF", ++line));
      }
      producer.flush();
    }
  }

  private void send(KafkaProducer<String, CuratedListing> producer, CuratedListing listing) {
    producer.send(new ProducerRecord<>(Topics.CURATED, listing.getId(), listing));
    String key = listing.getMunicipality() + "|" + listing.getPropertyType() + "|"
        + YearMonth.from(listing.getScrapingDate());
    sentStats.computeIfAbsent(key, k -> new ArrayList<>()).add(listing.getPricePerSquareMeter());
    sentPrices.computeIfAbsent(listing.getId(), k -> new ArrayList<>()).add(listing.getPrice());
  }

  private KafkaStreams start(HostInfo self) {
    Path stateDir = StateDirs.create();
    stateDirs.add(stateDir);
    UseCaseTopology topology = new UseCaseTopology(
        UseCaseTopics.defaults(),
        UseCaseTopology.availableUseCases(),
        Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + registryScope),
        UseCaseOptions.defaults());
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "two-instances-it");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
    props.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 10_000);
    props.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1_000);
    props.putAll(topology.requiredStreamsConfig());
    KafkaStreams streams = new KafkaStreams(topology.build(), props);
    streams.start();
    return streams;
  }

  private void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      for (KafkaStreams streams : new KafkaStreams[] {streamsA, streamsB}) {
        if (streams != null && streams.state() == KafkaStreams.State.ERROR) {
          fail("Kafka Streams failed while waiting for " + what);
        }
      }
      if (System.nanoTime() > deadline) {
        fail("Timed out after " + WAIT + " waiting for " + what);
      }
      Thread.sleep(200);
    }
  }
}
