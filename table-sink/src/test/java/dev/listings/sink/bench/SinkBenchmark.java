package dev.listings.sink.bench;

import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.infra.EmbeddedS3;
import dev.listings.infra.registry.EmbeddedSchemaRegistry;
import dev.listings.schemas.Topics;
import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.MarketActivity;
import dev.listings.schemas.avro.PriceChange;
import dev.listings.schemas.avro.PricePerSqmStats;
import dev.listings.schemas.avro.Provenance;
import dev.listings.schemas.serde.AvroSerdeConfig;
import dev.listings.schemas.serde.AvroSerdes;
import dev.listings.sink.Fixtures;
import dev.listings.sink.TableMapping;
import dev.listings.sink.TableSink;
import dev.listings.sink.TableSinkConfig;
import dev.listings.sink.read.LiveTable;
import dev.listings.sink.read.TableReader;
import dev.listings.sink.table.CatalogConfigs;
import dev.listings.sink.table.CatalogHandle;
import dev.listings.sink.table.IcebergCatalogs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.relocated.com.google.common.collect.Iterables;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Throughput of the table sink on the local stack's infrastructure: an embedded KRaft broker, the embedded schema
 * registry (HTTP), S3Proxy and the SQLite JDBC catalog, all in this JVM. It first produces {@code records} curated
 * listings spread like the generator's feed (30 municipalities, apartments and houses, seven years of scraping dates)
 * and, unless {@code -Dbench.usecases=false}, the use-case outputs such a feed yields: one price-per-m² update per
 * listing, one market-activity update per new listing (92 %), one price change per changed listing (8 %). Then it
 * starts the sink with default settings (or {@code -Dbench.batch.records}, {@code -Dbench.batch.wait.ms}) and measures
 * the time until every record is committed to the tables, start-up and table creation included.
 *
 * <pre>
 * ./mvnw -B -pl table-sink test-compile exec:exec@bench [-Dbench.records=1000000] [-Dbench.heap=1g]
 * </pre>
 */
public final class SinkBenchmark {
  private static final String[] MUNICIPALITIES = {
    "Zürich", "Genève", "Basel", "Lausanne", "Bern", "Winterthur", "Luzern", "St. Gallen", "Lugano", "Biel/Bienne",
    "Thun", "Köniz", "La Chaux-de-Fonds", "Fribourg", "Schaffhausen", "Chur", "Vernier", "Neuchâtel", "Uster", "Sion",
    "Solothurn", "Volketswil", "Pont-de-la-Morge (Sion)", "Montreux", "Zug", "Aarau", "Baden", "Wil", "Kriens", "Olten"
  };
  private static final LocalDate FIRST_DAY = LocalDate.of(2018, 1, 1);
  private static final int PARTITIONS = 2;

  private SinkBenchmark() {}

  public static void main(String[] args) throws Exception {
    long records = Long.getLong("bench.records", args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L);
    boolean useCases = Boolean.parseBoolean(System.getProperty("bench.usecases", "true"));
    int batchRecords = Integer.getInteger("bench.batch.records", TableSinkConfig.DEFAULT_BATCH_MAX_RECORDS);
    Duration batchWait =
        Duration.ofMillis(Long.getLong("bench.batch.wait.ms", TableSinkConfig.DEFAULT_BATCH_MAX_WAIT.toMillis()));
    Path dir = Files.createTempDirectory("sink-bench-");
    System.out.printf("table-sink benchmark: %,d curated listings%s, batches of up to %,d records or %d ms, "
            + "%d CPUs, max heap %d MiB, JDK %s%n", records, useCases ? " + use-case outputs" : "", batchRecords,
        batchWait.toMillis(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"));
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve("s3"), 0);
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0)) {
      s3.createBucket("warehouse");
      List<TableMapping> tables = useCases ? Fixtures.pipelineTables() : List.of(TableMapping.curatedListings());
      tables.forEach(t -> broker.createTopic(t.topic(), PARTITIONS, Map.of()));
      Map<String, Object> serde = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registry.url());

      long produceStart = System.nanoTime();
      long produced = produce(broker.bootstrapServers(), serde, records, useCases);
      System.out.printf("produced %,d records in %.1f s%n", produced, (System.nanoTime() - produceStart) / 1e9);
      Map<TopicPartition, Long> ends = endOffsets(broker, tables);

      Map<String, String> catalog = CatalogConfigs.local(
          "jdbc:sqlite:" + dir.resolve("catalog.db").toAbsolutePath(), "s3://warehouse/warehouse",
          s3.endpoint().toString(), s3.accessKey(), s3.secretKey(), s3.region());
      TableSinkConfig config = new TableSinkConfig(broker.bootstrapServers(), TableSinkConfig.DEFAULT_GROUP_ID,
          tables, catalog, serde, batchRecords, batchWait, TableSinkConfig.DEFAULT_BATCH_QUIET_WAIT, Map.of());
      long cpuBefore = processCpuNanos();
      long start = System.nanoTime();
      long lastReport = start;
      try (TableSink sink = new TableSink(config)) {
        sink.start();
        while (!sink.hasCommitted(ends)) {
          if (sink.failure().isPresent()) {
            throw new IllegalStateException("sink failed", sink.failure().get());
          }
          Thread.sleep(20);
          if (System.nanoTime() - lastReport > 10_000_000_000L) {
            lastReport = System.nanoTime();
            long done = sink.committedOffsets().values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("  %5.1f s: %,d committed%n", (lastReport - start) / 1e9, done);
          }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (processCpuNanos() - cpuBefore) / 1e9;
        double sinkCpu = threadCpuNanos("table-sink") / 1e9;
        System.out.printf("sink: %,d records in %.1f s = %,.0f records/s wall clock%n", produced, seconds,
            produced / seconds);
        System.out.printf("      sink thread CPU %.1f s = %,.0f records per CPU second; whole process (broker, S3, "
            + "registry, GC) CPU %.1f s, %.0f %% of %d CPUs; heap used %d MiB%n", sinkCpu, produced / sinkCpu, cpu,
            100 * cpu / seconds / Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().availableProcessors(),
            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
      }
      try (CatalogHandle handle = IcebergCatalogs.open(catalog)) {
        for (LiveTable table : new TableReader(handle.catalog()).describeAll()) {
          long snapshots = Iterables.size(handle.catalog().loadTable(TableIdentifier.parse(table.name())).snapshots());
          System.out.printf("  %-26s %,10d rows %,7d data files %,5d snapshots%n", table.name(), table.rows(),
              table.files().size(), snapshots);
        }
      }
    } finally {
      delete(dir);
    }
  }

  /** Produces the curated listings and, optionally, the use-case outputs; returns how many records were sent. */
  static long produce(String bootstrapServers, Map<String, Object> serde, long records, boolean useCases) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    @SuppressWarnings("unchecked")
    Serializer<SpecificRecord> values = (Serializer<SpecificRecord>) AvroSerdes.valueSerde(serde).serializer();
    SplittableRandom random = new SplittableRandom(42);
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    long sent = 0;
    try (KafkaProducer<String, SpecificRecord> producer =
        new KafkaProducer<>(props, new StringSerializer(), values)) {
      for (long i = 1; i <= records; i++) {
        String municipality = MUNICIPALITIES[random.nextInt(MUNICIPALITIES.length)];
        String type = random.nextInt(5) < 3 ? "apartment" : "house";
        LocalDate date = FIRST_DAY.plusDays(random.nextInt(365 * 7));
        double area = 30 + random.nextInt(200);
        double price = Math.round(area * (3000 + random.nextInt(9000)) / 1000.0) * 1000.0;
        double perSqm = Math.round(price / area * 100) / 100.0;
        String id = "L" + (0x1000_0000L + i);
        CuratedListing listing = CuratedListing.newBuilder()
            .setId(id).setScrapingDate(date).setPropertyType(type).setMunicipality(municipality)
            .setPrice(price).setCurrency(random.nextInt(3) == 0 ? null : "CHF").setLivingArea(area)
            .setPricePerSquareMeter(perSqm)
            .setSource(Provenance.newBuilder().setBucket("landing").setKey("incoming/bench-" + (i / 100_000)
                + ".jsonl").setEtag("etag").setLine(i).setIngestedAt(now).build())
            .setRulesVersion("rules-1")
            .build();
        producer.send(new ProducerRecord<>(Topics.CURATED, id, listing));
        sent++;
        if (!useCases) {
          continue;
        }
        String month = date.toString().substring(0, 7);
        producer.send(new ProducerRecord<>(Fixtures.STATS_TOPIC, municipality + "|" + type + "|" + month,
            PricePerSqmStats.newBuilder().setMunicipality(municipality).setPropertyType(type).setMonth(month)
                .setCount(i).setMean(perSqm).setMedian(perSqm).setP10(perSqm * 0.8).setP90(perSqm * 1.2)
                .setMin(perSqm * 0.5).setMax(perSqm * 1.5).setUpdatedAt(now).build()));
        sent++;
        if (random.nextInt(100) < 8) {
          producer.send(new ProducerRecord<>(Fixtures.PRICE_CHANGES_TOPIC, id,
              PriceChange.newBuilder().setId(id).setMunicipality(municipality).setPropertyType(type)
                  .setOldPrice(price * 1.05).setNewPrice(price).setOldCurrency("CHF").setNewCurrency("CHF")
                  .setAbsoluteChange(-price * 0.05).setRelativeChange(-0.05 / 1.05)
                  .setOldScrapingDate(date.minusDays(20)).setNewScrapingDate(date)
                  .setSource("s3://landing/incoming/bench.jsonl#" + i).setDetectedAt(now).build()));
        } else {
          producer.send(new ProducerRecord<>(Fixtures.MARKET_ACTIVITY_TOPIC, municipality + "|" + date,
              MarketActivity.newBuilder().setMunicipality(municipality).setDate(date).setNewListings(1 + i % 7)
                  .setUpdatedAt(date.atStartOfDay().toInstant(ZoneOffset.UTC)).build()));
        }
        sent++;
      }
      producer.flush();
    }
    return sent;
  }

  private static Map<TopicPartition, Long> endOffsets(EmbeddedKafkaBroker broker, List<TableMapping> tables)
      throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    for (TableMapping table : tables) {
      for (int p = 0; p < PARTITIONS; p++) {
        request.put(new TopicPartition(table.topic(), p), OffsetSpec.latest());
      }
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    broker.admin().listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
        .forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** CPU time of the live thread named {@code name}, 0 when there is none. */
  private static long threadCpuNanos(String name) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && name.equals(info.getThreadName())) {
        return threads.getThreadCpuTime(info.getThreadId());
      }
    }
    return 0;
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
      all.forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
