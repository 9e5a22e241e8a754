package dev.listings.sink.read;

import dev.listings.sink.table.KafkaOffsets;
import dev.listings.sink.table.TableSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Lists the catalog's tables and, for each, what its current snapshot holds: the live data files (from an Iceberg scan
 * plan, so files of uncommitted or replaced writes never show), row count and committed Kafka offsets.
 */
public final class TableReader {
  private final Catalog catalog;

  public TableReader(Catalog catalog) {
    this.catalog = catalog;
  }

  /** Every table of every namespace, sorted by name. */
  public List<TableIdentifier> tables() {
    List<TableIdentifier> tables = new ArrayList<>();
    if (catalog instanceof SupportsNamespaces namespaces) {
      collect(namespaces, Namespace.empty(), tables);
    }
    tables.sort(Comparator.comparing(TableIdentifier::toString));
    return tables;
  }

  public List<LiveTable> describeAll() {
    return tables().stream().map(this::describe).toList();
  }

  public LiveTable describe(TableIdentifier id) {
    Table table = catalog.loadTable(id);
    Snapshot snapshot = table.currentSnapshot();
    List<LiveFile> files = new ArrayList<>();
    boolean deletes = false;
    long rows = 0;
    if (snapshot != null) {
      try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
        for (FileScanTask task : tasks) {
          DataFile file = task.file();
          files.add(new LiveFile(file.location(), file.recordCount(), file.fileSizeInBytes(),
              table.specs().get(file.specId()).partitionToPath(file.partition())));
          rows += file.recordCount();
          deletes |= !task.deletes().isEmpty();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot plan the scan of " + id, e);
      }
    }
    files.sort(Comparator.comparing(LiveFile::location));
    return new LiveTable(id.toString(), table.schema(), snapshot == null ? null : snapshot.snapshotId(), rows,
        KafkaOffsets.committed(table), List.copyOf(files),
        table.properties().getOrDefault(TableSetup.ROWS_PROPERTY, TableSetup.EVENTS), deletes);
  }

  private void collect(SupportsNamespaces namespaces, Namespace parent, List<TableIdentifier> out) {
    for (Namespace namespace : namespaces.listNamespaces(parent)) {
      out.addAll(catalog.listTables(namespace));
      collect(namespaces, namespace, out);
    }
  }
}
