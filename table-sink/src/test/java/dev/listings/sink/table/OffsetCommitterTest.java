package dev.listings.sink.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.sink.Fixtures;
import dev.listings.sink.schema.FlatSchema;
import dev.listings.sink.schema.Lineage;
import dev.listings.sink.schema.RowMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OffsetCommitterTest {
  private static final String TOPIC = "listings.curated.v1";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  private final InMemoryCatalog catalog = Fixtures.inMemoryCatalog();
  private final FlatSchema shape = FlatSchema.of(CuratedListing.getClassSchema());
  private final Table table = TableSetup.ensure(catalog, TableIdentifier.parse("listings.curated"), shape,
      List.of("month(scraping_date)", "property_type"), false);

  @AfterEach
  void closeCatalog() throws IOException {
    catalog.close();
  }

  @Test
  void commitsRowsAndTheirNextOffsetsInOneSnapshot() {
    List<DataFile> files = write(table, 0, 0, 3);

    OffsetCommitter.commit(table, files, Map.of(P0, 3L), Map.of(), "group-a");

    assertThat(KafkaOffsets.committed(table)).isEqualTo(Map.of(P0, 3L));
    assertThat(table.currentSnapshot().summary())
        .containsEntry(OffsetCommitter.GROUP_SUMMARY_KEY, "group-a")
        .containsEntry("added-records", "3");
    assertThat(offsetsInTable()).containsExactly(0L, 1L, 2L);
  }

  @Test
  void writesOneFilePerPartitionOfTheBatch() {
    List<DataFile> files = write(table, 0, 0, 4); // two months x two property types

    assertThat(files).hasSize(4);
    assertThat(files).extracting(f -> table.spec().partitionToPath(f.partition())).containsExactlyInAnyOrder(
        "scraping_date_month=2024-01/property_type=apartment", "scraping_date_month=2024-01/property_type=house",
        "scraping_date_month=2024-02/property_type=apartment", "scraping_date_month=2024-02/property_type=house");
  }

  @Test
  void resumesFromTheNewestSnapshotThatCarriesOffsets() {
    OffsetCommitter.commit(table, write(table, 0, 0, 2), Map.of(P0, 2L), Map.of(), "g");
    OffsetCommitter.commit(table, write(table, 1, 0, 5), Map.of(P0, 2L, P1, 5L), Map.of(P0, 2L), "g");
    // a maintenance job's commit carries no offsets
    table.newAppend().appendFile(write(table, 0, 100, 1).get(0)).commit();

    assertThat(KafkaOffsets.committed(table)).isEqualTo(Map.of(P0, 2L, P1, 5L));
  }

  @Test
  void refusesToCommitWhenAnotherWriterMovedTheOffsets() {
    OffsetCommitter.commit(table, write(table, 0, 0, 2), Map.of(P0, 2L), Map.of(), "other-sink");

    assertThatThrownBy(() -> OffsetCommitter.commit(table, write(table, 0, 0, 2), Map.of(P0, 2L), Map.of(), "g"))
        .isInstanceOf(OffsetCommitter.ConcurrentWriterException.class)
        .hasMessageContaining("another writer");
    assertThat(offsetsInTable()).hasSize(2);
  }

  @Test
  void deletesTheFilesOfADiscardedBatch() {
    TableBatch batch = new TableBatch(table);
    RowMapper rows = shape.rowMapper(table.schema());
    batch.add(rows.toRow(Fixtures.curated("L", LocalDate.of(2024, 1, 1), "house", 1), lineage(0, 0)));
    List<DataFile> files = batch.complete();
    assertThat(exists(files.get(0).location())).isTrue();

    batch.discard();

    assertThat(exists(files.get(0).location())).isFalse();
    assertThat(table.currentSnapshot()).isNull();
  }

  /** {@code count} rows of partition {@code partition} from offset {@code from}, alternating month and type. */
  private List<DataFile> write(Table target, int partition, long from, int count) {
    TableBatch batch = new TableBatch(target);
    RowMapper rows = shape.rowMapper(target.schema());
    for (long offset = from; offset < from + count; offset++) {
      LocalDate date = LocalDate.of(2024, 1 + (int) (offset % 2), 15);
      String type = offset / 2 % 2 == 0 ? "apartment" : "house";
      batch.add(rows.toRow(Fixtures.curated("L-" + offset, date, type, offset + 1), lineage(partition, offset)));
    }
    return batch.complete();
  }

  private boolean exists(String location) {
    try {
      return table.io().newInputFile(location).exists();
    } catch (org.apache.iceberg.exceptions.NotFoundException e) {
      return false; // the in-memory file IO refuses to open what it does not hold
    }
  }

  private static Lineage lineage(int partition, long offset) {
    return new Lineage(TOPIC, partition, offset, "L-" + offset, 0L);
  }

  private List<Long> offsetsInTable() {
    table.refresh();
    List<Long> offsets = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      records.forEach(r -> offsets.add((Long) r.getField("kafka_offset")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    offsets.sort(null);
    return offsets;
  }
}
