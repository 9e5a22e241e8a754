package dev.listings.sink;

import dev.listings.schemas.serde.AvroSerdeConfig;
import dev.listings.schemas.serde.AvroSerdes;
import dev.listings.sink.schema.FlatSchema;
import dev.listings.sink.schema.Lineage;
import dev.listings.sink.schema.RowMapper;
import dev.listings.sink.table.KafkaOffsets;
import dev.listings.sink.table.OffsetCommitter;
import dev.listings.sink.table.TableBatch;
import dev.listings.sink.table.TableSetup;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * One mapping at run time: its table, the deserializer of its topic, the batch being written and the offsets the
 * table has committed. Only the sink's loop thread uses it.
 */
final class TableBinding implements AutoCloseable {
  private final TableMapping mapping;
  private final Table table;
  private final RowMapper rows;
  private final Serde<SpecificRecord> serde;
  private final Deserializer<SpecificRecord> values;
  private Map<TopicPartition, Long> committed;
  private TableBatch batch;

  private TableBinding(TableMapping mapping, Table table, RowMapper rows, Serde<SpecificRecord> serde) {
    this.mapping = mapping;
    this.table = table;
    this.rows = rows;
    this.serde = serde;
    this.values = serde.deserializer();
    this.committed = KafkaOffsets.committed(table);
  }

  /** Creates or widens the mapping's table and reads the offsets it has committed. */
  static TableBinding open(Catalog catalog, TableMapping mapping, Map<String, Object> serdeConfig) {
    FlatSchema shape = FlatSchema.of(SpecificData.getForClass(mapping.valueType()).getSchema(mapping.valueType()));
    Table table = TableSetup.ensure(catalog, mapping.identifier(), shape, mapping.partitionBy(),
        mapping.versionsByKey());
    Map<String, Object> config = new HashMap<>(serdeConfig);
    config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
    config.put(AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, mapping.valueType().getName());
    Serde<SpecificRecord> serde = AvroSerdes.valueSerde(config);
    return new TableBinding(mapping, table, shape.rowMapper(table.schema()), serde);
  }

  TableMapping mapping() {
    return mapping;
  }

  String tableName() {
    return mapping.identifier().toString();
  }

  /** Offsets the table has committed, i.e. where its topic's partitions resume. */
  Map<TopicPartition, Long> committed() {
    return committed;
  }

  /** Adds the record's row to the current batch; a record without value (tombstone) has no row. */
  void add(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      return;
    }
    Object value;
    try {
      value = values.deserialize(record.topic(), record.headers(), record.value());
    } catch (SerializationException e) {
      throw new SerializationException("Cannot read the value at " + record.topic() + "-" + record.partition()
          + "@" + record.offset() + " as " + mapping.valueType().getSimpleName() + ": " + e.getMessage(), e);
    }
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    Lineage lineage = new Lineage(record.topic(), record.partition(), record.offset(), key, record.timestamp());
    if (batch == null) {
      batch = new TableBatch(table);
    }
    batch.add(rows.toRow((GenericRecord) value, lineage));
  }

  boolean hasRows() {
    return batch != null && batch.rows() > 0;
  }

  /**
   * Appends the batch with the next offsets of the topic's partitions (taken from {@code positions}) in one snapshot.
   */
  void commit(Map<TopicPartition, Long> positions, CommitHooks hooks, String groupId) {
    Map<TopicPartition, Long> next = new HashMap<>();
    positions.forEach((tp, offset) -> {
      if (tp.topic().equals(mapping.topic())) {
        next.put(tp, offset);
      }
    });
    Map<TopicPartition, Long> offsets = KafkaOffsets.merge(committed, next);
    TableBatch current = batch;
    batch = null;
    List<DataFile> files = current.complete();
    hooks.dataFilesWritten(tableName());
    try {
      OffsetCommitter.commit(table, files, offsets, committed, groupId);
    } catch (CommitStateUnknownException e) {
      throw e; // the files may be in the table: keep them
    } catch (RuntimeException e) {
      current.discard();
      throw e;
    }
    committed = offsets;
    hooks.tableCommitted(tableName());
  }

  @Override
  public void close() {
    if (batch != null) {
      batch.discard();
      batch = null;
    }
    serde.close();
  }
}
