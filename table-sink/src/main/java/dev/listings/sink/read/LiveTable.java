package dev.listings.sink.read;

import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.kafka.common.TopicPartition;

/**
 * A table as of its current snapshot: name ({@code namespace.name}), schema, snapshot id (null while empty), row
 * count, the Kafka offsets it has committed, its live data files, and how its rows relate ({@code events} or {@code
 * versions-by-key}).
 */
public record LiveTable(
    String name,
    Schema schema,
    Long snapshotId,
    long rows,
    Map<TopicPartition, Long> offsets,
    List<LiveFile> files,
    String rowsKind,
    boolean hasDeleteFiles) {}
