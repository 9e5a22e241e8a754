package dev.listings.sink;

import static org.assertj.core.api.Assertions.fail;

import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.infra.EmbeddedS3;
import dev.listings.infra.registry.EmbeddedSchemaRegistry;
import dev.listings.schemas.serde.AvroSerdes;
import dev.listings.sink.table.CatalogConfigs;
import dev.listings.sink.table.CatalogHandle;
import dev.listings.sink.table.IcebergCatalogs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
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
 * A real Kafka broker, a real S3 API and the local catalog (JDBC on SQLite, data through S3FileIO) for the sink's
 * integration tests, with helpers to produce Avro records transactionally and read tables back.
 */
final class SinkEnvironment implements AutoCloseable {
  static final String WAREHOUSE_BUCKET = "warehouse";

  private final EmbeddedKafkaBroker broker;
  private final EmbeddedS3 s3;
  private final EmbeddedSchemaRegistry registry;
  private final Map<String, String> catalogProperties;
  private final Map<String, Object> serdeConfig;
  private final CatalogHandle catalog;
  private int transactions;

  private SinkEnvironment(EmbeddedKafkaBroker broker, EmbeddedS3 s3, EmbeddedSchemaRegistry registry, Path dir,
      String registryUrl) {
    this.broker = broker;
    this.s3 = s3;
    this.registry = registry;
    this.catalogProperties = CatalogConfigs.local("jdbc:sqlite:" + dir.resolve("catalog.db").toAbsolutePath(),
        "s3://" + WAREHOUSE_BUCKET + "/warehouse", s3.endpoint().toString(), s3.accessKey(), s3.secretKey(),
        s3.region());
    this.serdeConfig = Map.of("schema.registry.url", registryUrl);
    this.catalog = IcebergCatalogs.open(catalogProperties);
  }

  static SinkEnvironment start(Path dir, String registryScope) throws IOException {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
    EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve("s3"), 0);
    s3.createBucket(WAREHOUSE_BUCKET);
    return new SinkEnvironment(broker, s3, null, dir, "mock://" + registryScope);
  }

  /** As {@link #start(Path, String)} with a real schema registry over HTTP, for sinks in other JVMs. */
  static SinkEnvironment startWithRegistry(Path dir) throws IOException {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
    EmbeddedS3 s3 = EmbeddedS3.start(dir.resolve("s3"), 0);
    s3.createBucket(WAREHOUSE_BUCKET);
    EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0);
    return new SinkEnvironment(broker, s3, registry, dir, registry.url());
  }

  TableSinkConfig config(List<TableMapping> tables, String groupId) {
    return config(tables, groupId, 40, Duration.ofMillis(300));
  }

  TableSinkConfig config(List<TableMapping> tables, String groupId, int batchMaxRecords, Duration batchMaxWait) {
    return new TableSinkConfig(broker.bootstrapServers(), groupId, tables, catalogProperties, serdeConfig,
        batchMaxRecords, batchMaxWait, TableSinkConfig.DEFAULT_BATCH_QUIET_WAIT, Map.of());
  }

  /** As {@link #config(List, String, int, Duration)}, on the same tables through another catalog class. */
  TableSinkConfig config(List<TableMapping> tables, String groupId, int batchMaxRecords, Duration batchMaxWait,
      Class<? extends Catalog> catalogImpl) {
    Map<String, String> properties = new HashMap<>(catalogProperties);
    properties.put("catalog-impl", catalogImpl.getName());
    return new TableSinkConfig(broker.bootstrapServers(), groupId, tables, properties, serdeConfig,
        batchMaxRecords, batchMaxWait, TableSinkConfig.DEFAULT_BATCH_QUIET_WAIT, Map.of());
  }

  /** The serde settings a sink of this environment uses (the registry's URL). */
  Map<String, Object> serdeConfig() {
    return serdeConfig;
  }

  Map<String, String> catalogProperties() {
    return catalogProperties;
  }

  Catalog catalog() {
    return catalog.catalog();
  }

  EmbeddedKafkaBroker broker() {
    return broker;
  }

  void createTopic(String topic, int partitions) {
    broker.createTopic(topic, partitions, Map.of());
  }

  /** Sends the values in one transaction, keyed by {@code key}. */
  <T extends SpecificRecord> void produce(String topic, List<T> values, Function<T, String> key) {
    @SuppressWarnings("unchecked")
    Serializer<T> serializer = (Serializer<T>) AvroSerdes.valueSerde(serdeConfig).serializer();
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sink-test-" + (++transactions));
    try (KafkaProducer<String, T> producer = new KafkaProducer<>(props, new StringSerializer(), serializer)) {
      producer.initTransactions();
      producer.beginTransaction();
      values.forEach(v -> producer.send(new ProducerRecord<>(topic, key.apply(v), v)));
      producer.commitTransaction();
    }
  }

  /** Last stable offsets of every partition of the topics. */
  Map<TopicPartition, Long> endOffsets(String... topics) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    broker.admin().describeTopics(List.of(topics)).allTopicNames().get().forEach((topic, description) ->
        description.partitions().forEach(p ->
            request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, Long> ends = new HashMap<>();
    broker.admin().listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
        .forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  Map<TopicPartition, Long> groupOffsets(String groupId) throws Exception {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    broker.admin().listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get()
        .forEach((tp, om) -> offsets.put(tp, om.offset()));
    return offsets;
  }

  /** Waits until the sink has committed everything up to the topics' current ends. */
  void awaitCommitted(TableSink sink, String... topics) throws Exception {
    Map<TopicPartition, Long> ends = endOffsets(topics);
    await(() -> sink.hasCommitted(ends), sink, "the sink to commit up to " + ends + " (has " + sink.committedOffsets()
        + ")");
  }

  static void await(BooleanSupplier condition, TableSink sink, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (!condition.getAsBoolean()) {
      if (sink.failure().isPresent() && !what.contains("fail")) {
        fail("The sink failed while waiting for " + what, sink.failure().get());
      }
      if (System.currentTimeMillis() > deadline) {
        fail("Timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  /** Every row of the table, read with Iceberg's generic reader. */
  List<Record> rows(String table) {
    Table loaded = catalog().loadTable(TableIdentifier.parse(table));
    List<Record> rows = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(loaded).build()) {
      records.forEach(r -> rows.add(r.copy()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  @Override
  public void close() {
    catalog.close();
    if (registry != null) {
      registry.close();
    }
    s3.close();
    broker.close();
  }
}
