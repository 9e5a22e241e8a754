package dev.listings.usecases.bench;

import static dev.listings.infra.bench.StreamsThroughputRun.check;

import dev.listings.infra.bench.CommittedOutputTail;
import dev.listings.infra.bench.StreamsThroughputRun;
import dev.listings.infra.bench.ThroughputOptions;
import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.Provenance;
import dev.listings.schemas.registry.InMemorySchemaRegistryClient;
import dev.listings.schemas.serde.AvroSerdeConfig;
import dev.listings.schemas.serde.AvroSerdes;
import dev.listings.usecases.activity.MarketActivityUseCase;
import dev.listings.usecases.pricechanges.PriceChangesUseCase;
import dev.listings.usecases.pricepersqm.PricePerSqmUseCase;
import dev.listings.usecases.topology.UseCaseOptions;
import dev.listings.usecases.topology.UseCaseTopics;
import dev.listings.usecases.topology.UseCaseTopology;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Throughput of the use-case topology (all three use cases, as the app and the local stack run it) on one embedded
 * KRaft broker in this JVM, against a pass-through topology (curated → out as bytes, nothing else) on the same input
 * in the same run. N curated records, registry-framed Avro as the cleaner writes them, are produced up front: 70 % new
 * listings, 15 % new versions with a changed price, 15 % re-scrapes at the same price (a later scraping date each
 * time, so no version is out of order), over 30 municipalities, apartments and houses, and six years of scraping dates.
 * Both applications use {@code exactly_once_v2}, the same commit interval and thread count.
 *
 * <p>A run's rate is records / (time the last output record became visible to a {@code read_committed} consumer −
 * time Kafka Streams reached RUNNING). The use cases are done when every output is there: one price-per-sqm update per
 * record, one price-change event per changed price, one market-activity update per new listing (counts known from
 * the generated input); the run then checks that no topic holds more.
 *
 * <p>Run (see the module README): {@code ./mvnw -B -pl usecase-streams -Pbench test-compile exec:exec@throughput
 * -Dthroughput.args="--records 200000"}. Options: {@code --records N} (200000), {@code --partitions P} (curated and
 * output partitions, 2), {@code --threads T} (stream threads, 1), {@code --commit-ms C} (100), {@code --warmup W}
 * (untimed rounds of both first, 1), {@code --repeat R} (measured rounds, medians, 1), {@code --seed S} (42), {@code
 * --cache-mb M} (the use cases' record cache, 10 as in the app).
 */
public final class UseCaseThroughputBenchmark {
  private static final String CURATED = "bench.curated";
  private static final String[] MUNICIPALITIES = {
    "Zürich", "Genève", "Basel", "Lausanne", "Bern", "Winterthur", "Luzern", "St. Gallen", "Lugano", "Biel/Bienne",
    "Thun", "Köniz", "La Chaux-de-Fonds", "Fribourg", "Schaffhausen", "Chur", "Vernier", "Neuchâtel", "Uster", "Sion",
    "Solothurn", "Volketswil", "Montreux", "Zug", "Aarau", "Baden", "Wil", "Kriens", "Olten", "Nyon"
  };

  private final Options options;
  private final StreamsThroughputRun run;
  private final long records;
  private final String registryScope;
  private Expected expected;

  /** Outputs the input must produce. */
  private record Expected(long pricePerSqm, long priceChanges, long marketActivity) {}

  private UseCaseThroughputBenchmark(Options options, StreamsThroughputRun run, String scope) {
    this.options = options;
    this.run = run;
    this.records = options.settings.count();
    this.registryScope = scope;
  }

  public static void main(String[] args) throws Exception {
    StreamsThroughputRun.logWarningsOnly();
    Options options = Options.parse(args);
    StreamsThroughputRun.Settings settings = options.settings;
    System.out.printf(Locale.ROOT, "use-case throughput: %d curated records, %d partitions, %d stream thread(s), "
            + "commit.interval.ms=%d, producer.batch.size=%d, exactly_once_v2, use cases %s; %d cores, Java %s, "
            + "max heap %d MiB%n",
        settings.count(), settings.partitions(), settings.threads(), settings.commitMs(), settings.producerBatchBytes(),
        UseCaseTopology.availableUseCases(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
    String scope = "usecase-throughput-" + ProcessHandle.current().pid();
    try (StreamsThroughputRun run = StreamsThroughputRun.start("usecase-throughput", settings, false)) {
      UseCaseThroughputBenchmark bench = new UseCaseThroughputBenchmark(options, run, scope);
      run.broker().createTopic(CURATED, settings.partitions(), Map.of("retention.ms", "-1"));
      long produceStart = System.nanoTime();
      bench.produce();
      System.out.printf(Locale.ROOT, "produced %,d curated records in %.1f s: expecting %,d price-per-sqm updates, "
              + "%,d price changes, %,d market-activity updates%n", settings.count(),
          (System.nanoTime() - produceStart) / 1e9, bench.expected.pricePerSqm, bench.expected.priceChanges,
          bench.expected.marketActivity);
      Map<String, Double> medians = run.rounds(List.of(
          new StreamsThroughputRun.Contender("pass-through", () -> run.passThrough(CURATED), true),
          new StreamsThroughputRun.Contender("use cases", bench::runUseCases, true)));
      run.printResult("pass-through", medians.get("pass-through"), "use cases", medians.get("use cases"));
    } finally {
      InMemorySchemaRegistryClient.dropScope(scope);
    }
  }

  private Map<String, Object> serdeConfig() {
    return Map.of("schema.registry.url", "mock://" + registryScope);
  }

  /** The curated input, and what it must produce. */
  private void produce() {
    Map<String, Object> serde = new HashMap<>(serdeConfig());
    serde.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
    serde.put(AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, CuratedListing.class);
    Serde<CuratedListing> curatedSerde = AvroSerdes.valueSerde(serde);
    Map<String, Object> config = run.inputProducerConfig();
    SplittableRandom random = new SplittableRandom(options.seed);
    List<CuratedListing> recent = new ArrayList<>();
    long newListings = 0;
    long changes = 0;
    // Current time: records older than the broker's retention (7 days) would be deleted under the running apps.
    long timestamp = System.currentTimeMillis();
    LocalDate firstDay = LocalDate.of(2020, 1, 1);
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      for (long i = 0; i < records; i++) {
        double roll = random.nextDouble();
        CuratedListing listing;
        if (recent.isEmpty() || roll < 0.70) {
          boolean house = random.nextInt(3) == 0;
          double area = Math.round(house ? 90 + random.nextDouble() * 220 : 35 + random.nextDouble() * 120);
          double price = Math.round(area * (3000 + random.nextDouble() * 9000) / 1000) * 1000.0;
          listing = listing("L" + i, MUNICIPALITIES[random.nextInt(MUNICIPALITIES.length)],
              house ? "house" : "apartment", firstDay.plusDays(random.nextInt(6 * 365)), price, area, i);
          newListings++;
          if (recent.size() < 20_000) {
            recent.add(listing);
          } else {
            recent.set(random.nextInt(recent.size()), listing);
          }
        } else {
          int index = random.nextInt(recent.size());
          CuratedListing old = recent.get(index);
          boolean changed = roll < 0.85;
          double price = changed ? old.getPrice() + 1000 * (1 + random.nextInt(50)) * (random.nextBoolean() ? 1 : -1)
              : old.getPrice();
          if (price <= 0) {
            price = old.getPrice() + 1000;
          }
          listing = listing(old.getId(), old.getMunicipality(), old.getPropertyType(),
              old.getScrapingDate().plusDays(1 + random.nextInt(30)), price, old.getLivingArea(), i);
          if (price != old.getPrice()) {
            changes++;
          }
          recent.set(index, listing);
        }
        producer.send(new ProducerRecord<>(CURATED, null, timestamp + i, listing.getId(),
            curatedSerde.serializer().serialize(CURATED, listing)));
      }
      producer.flush();
    }
    expected = new Expected(records, changes, newListings);
  }

  private static CuratedListing listing(String id, String municipality, String type, LocalDate date, double price,
      double area, long line) {
    return CuratedListing.newBuilder()
        .setId(id)
        .setScrapingDate(date)
        .setPropertyType(type)
        .setMunicipality(municipality)
        .setPrice(price)
        .setCurrency("CHF")
        .setLivingArea(area)
        .setPricePerSquareMeter(Math.round(price / area * 100) / 100.0)
        .setSource(Provenance.newBuilder()
            .setBucket("landing")
            .setKey("bench/part-" + line / 10_000 + ".jsonl")
            .setEtag("etag")
            .setLine(line % 10_000 + 1)
            .setIngestedAt(Instant.now())
            .build())
        .setRulesVersion("1")
        .build();
  }

  private double runUseCases() throws Exception {
    String app = run.nextApplicationId("bench-usecases");
    Map<String, String> outputs = Map.of(
        PricePerSqmUseCase.NAME, app + ".price-per-sqm",
        PriceChangesUseCase.NAME, app + ".price-changes",
        MarketActivityUseCase.NAME, app + ".market-activity");
    outputs.values().forEach(topic -> run.broker().createTopic(topic, run.settings().partitions(), Map.of()));
    UseCaseTopology topology = new UseCaseTopology(new UseCaseTopics(CURATED, outputs),
        UseCaseTopology.availableUseCases(), serdeConfig(), UseCaseOptions.defaults());
    String pps = outputs.get(PricePerSqmUseCase.NAME);
    String changes = outputs.get(PriceChangesUseCase.NAME);
    String activity = outputs.get(MarketActivityUseCase.NAME);
    try (CommittedOutputTail tail = run.tail(List.of(pps, changes, activity))) {
      Map<String, Object> config = new HashMap<>(topology.requiredStreamsConfig());
      config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, options.cacheMb * 1024L * 1024);
      return run.run("use cases", app, topology.build(), config, tail,
          () -> tail.count(pps) >= expected.pricePerSqm && tail.count(changes) >= expected.priceChanges
              && tail.count(activity) >= expected.marketActivity,
          () -> {
            Thread.sleep(1000); // anything beyond the expected output would be committed by now
            check(tail.count(pps) == expected.pricePerSqm && tail.count(changes) == expected.priceChanges
                && tail.count(activity) == expected.marketActivity, "unexpected use-case output: " + tail
                + ", expected " + expected);
          });
    }
  }

  /** {@code cacheMb}: the use cases' record cache ({@code statestore.cache.max.bytes}), the app's 10 MB by default. */
  private record Options(StreamsThroughputRun.Settings settings, long seed, int cacheMb) {
    static Options parse(String[] args) {
      ThroughputOptions values = ThroughputOptions.parse(args);
      Options options = new Options(values.settings("records", 200000), values.longValue("seed", 42),
          values.intValue("cache-mb", 10));
      values.requireAllRead();
      return options;
    }
  }
}
