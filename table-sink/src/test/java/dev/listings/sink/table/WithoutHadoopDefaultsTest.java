package dev.listings.sink.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.sink.Fixtures;
import dev.listings.sink.schema.FlatSchema;
import dev.listings.sink.schema.Lineage;
import dev.listings.sink.schema.RowMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet writing on a thread whose context class loader hides Hadoop's default configuration files. */
class WithoutHadoopDefaultsTest {
  /** A key every Hadoop release sets in core-default.xml. */
  private static final String DEFAULT_KEY = "hadoop.common.configuration.version";

  private final InMemoryCatalog catalog = Fixtures.inMemoryCatalog();
  private final FlatSchema shape = FlatSchema.of(CuratedListing.getClassSchema());
  private final ExecutorService sinkThread = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "sink-under-test");
    thread.setContextClassLoader(WithoutHadoopDefaults.around(Thread.currentThread().getContextClassLoader()));
    return thread;
  });
  @TempDir Path dir;

  @AfterEach
  void close() throws IOException {
    sinkThread.shutdownNow();
    catalog.close();
  }

  @Test
  void newHadoopConfigurationsOnTheSinkThreadCarryNoDefaults() throws Exception {
    assertThat(new Configuration().get(DEFAULT_KEY)).as("defaults elsewhere").isNotNull();

    assertThat(onSinkThread(() -> new Configuration().get(DEFAULT_KEY))).isNull();
    for (String name : List.of("core-default.xml", "core-site.xml", "mapred-default.xml", "yarn-site.xml")) {
      assertThat(onSinkThread(() -> Thread.currentThread().getContextClassLoader().getResource(name))).isNull();
    }
    // Hadoop classes that add their own defaults when they load (here mapred-default.xml) change nothing
    Class.forName("org.apache.hadoop.mapred.JobConf");
    assertThat(new Configuration().get("mapreduce.job.maps")).as("defaults elsewhere").isNotNull();
    assertThat(onSinkThread(() -> new Configuration().get("mapreduce.job.maps"))).isNull();
  }

  @Test
  void everyOtherClassAndResourceComesFromTheParent() throws Exception {
    assertThat(onSinkThread(() -> Thread.currentThread().getContextClassLoader()
        .loadClass(CuratedListing.class.getName()))).isSameAs(CuratedListing.class);
    assertThat(onSinkThread(() -> Thread.currentThread().getContextClassLoader()
        .getResource("log4j2-test.xml"))).isNotNull();
    assertThat(WithoutHadoopDefaults.around(WithoutHadoopDefaults.around(null))).isInstanceOf(WithoutHadoopDefaults.class);
  }

  /** Rows written there read back unchanged, and the table's codec setting still decides the compression. */
  @Test
  void parquetFilesWrittenThereFollowTheTableProperties() throws Exception {
    Table table = TableSetup.ensure(catalog, TableIdentifier.parse("listings.curated"), shape,
        List.of("month(scraping_date)", "property_type"), false);
    table.updateProperties().set(TableProperties.PARQUET_COMPRESSION, "gzip").commit();

    List<DataFile> files = onSinkThread(() -> {
      TableBatch batch = new TableBatch(table);
      RowMapper rows = shape.rowMapper(table.schema());
      for (int i = 0; i < 6; i++) {
        LocalDate date = LocalDate.of(2024, 1 + i % 2, 10 + i);
        batch.add(rows.toRow(Fixtures.curated("L-" + i, date, i % 3 == 0 ? "house" : "apartment", i + 1),
            new Lineage("listings.curated.v1", 0, i, "L-" + i, 0L)));
      }
      return batch.complete();
    });
    table.newAppend().appendFile(files.get(0)).appendFile(files.get(1)).appendFile(files.get(2))
        .appendFile(files.get(3)).commit();

    List<String> ids = new ArrayList<>();
    try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
      records.forEach(r -> ids.add((String) r.getField("id")));
    }
    assertThat(files).hasSize(4);
    assertThat(ids).containsExactlyInAnyOrder("L-0", "L-1", "L-2", "L-3", "L-4", "L-5");
    assertThat(codecs(table, files.get(0))).containsOnly(CompressionCodecName.GZIP);
  }

  private List<CompressionCodecName> codecs(Table table, DataFile file) throws IOException {
    Path local = dir.resolve("copy.parquet");
    try (InputStream in = table.io().newInputFile(file.location()).newStream();
        OutputStream out = Files.newOutputStream(local)) {
      in.transferTo(out);
    }
    List<CompressionCodecName> codecs = new ArrayList<>();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(local))) {
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        block.getColumns().forEach(c -> codecs.add(c.getCodec()));
      }
    }
    return codecs;
  }

  private <T> T onSinkThread(Callable<T> task) throws Exception {
    return sinkThread.submit(task).get();
  }
}
