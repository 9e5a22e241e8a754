package dev.listings.usecases.topology;

import dev.listings.schemas.avro.CuratedListing;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;

/**
 * One use case computed from curated listings: a sub-topology that reads the shared curated stream and writes its own
 * {@code usecase.<name>.v1} topic, and the description of what it writes there ({@link #results()}). Implementations
 * are found through {@link java.util.ServiceLoader}, so adding a use case means adding a class (with its Avro output
 * schema in {@code schemas/}), listing it in {@code META-INF/services}, and enabling its name in configuration; its
 * CSV in {@code ./pipeline run} and its Iceberg table follow from {@link #results()}.
 */
public interface UseCase {

  /** Stable name, used in configuration, metric tags, default topic name and as prefix of every node and store. */
  String name();

  /**
   * What this use case writes to its output topic: the Avro class of the values (the one its sink serde writes),
   * whether they are a table (latest value per key) or events, and its table's partitioning and name.
   */
  UseCaseResults results();

  /** Adds this use case's processors, stores and sink to {@code builder}, reading from {@code curated}. */
  void addTo(StreamsBuilder builder, KStream<String, CuratedListing> curated, UseCaseContext context);
}
