package dev.listings.sink.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.util.PropertyUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Parquet data files of one batch of one table, written as rows arrive (one open file per partition, Iceberg's
 * fanout writer) so a batch is never held in memory. {@link #complete()} closes the files and returns them for one
 * atomic append.
 */
public final class TableBatch {
  private static final Logger LOG = LoggerFactory.getLogger(TableBatch.class);
  private final Table table;
  private final PartitionSpec spec;
  private final PartitionKey partitionKey;
  private final InternalRecordWrapper wrapper;
  private final FanoutDataWriter<Record> writer;
  private int rows;
  private boolean closed;

  public TableBatch(Table table) {
    this.table = table;
    Schema schema = table.schema();
    this.spec = table.spec();
    this.partitionKey = new PartitionKey(spec, schema);
    this.wrapper = new InternalRecordWrapper(schema.asStruct());
    GenericFileWriterFactory files = new GenericFileWriterFactory.Builder(table)
        .dataFileFormat(FileFormat.PARQUET)
        .dataSchema(schema)
        .build();
    OutputFileFactory names = OutputFileFactory.builderFor(table, 1, System.currentTimeMillis())
        .format(FileFormat.PARQUET)
        .operationId(UUID.randomUUID().toString())
        .build();
    long targetSize = PropertyUtil.propertyAsLong(table.properties(), TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
        TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
    this.writer = new FanoutDataWriter<>(files, names, table.io(), targetSize);
  }

  public void add(Record row) {
    partitionKey.partition(wrapper.wrap(row));
    writer.write(row, spec, partitionKey);
    rows++;
  }

  public int rows() {
    return rows;
  }

  public Table table() {
    return table;
  }

  /** Closes the files; they are not part of the table until appended. */
  public List<DataFile> complete() {
    close();
    return writer.result().dataFiles();
  }

  /** Closes the files and deletes them, for a batch that will not be committed. */
  public void discard() {
    try {
      close();
      writer.result().dataFiles().forEach(file -> table.io().deleteFile(file.location()));
    } catch (RuntimeException e) {
      LOG.warn("Could not delete the uncommitted data files of {}: orphan-file removal reclaims them", table.name(), e);
    }
  }

  private void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close data files of " + table.name(), e);
    }
  }
}
