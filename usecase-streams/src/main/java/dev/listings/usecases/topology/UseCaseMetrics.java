package dev.listings.usecases.topology;

/**
 * Counters the use cases report to. The topology is plain Kafka Streams, so it reports through this interface; the
 * application binds it to Micrometer, tests and the local stack to {@link CountingUseCaseMetrics}. Called from stream
 * threads: implementations must be thread-safe.
 */
public interface UseCaseMetrics {

  /** No-op metrics. */
  UseCaseMetrics NONE =
      new UseCaseMetrics() {
        @Override
        public void updated(String useCase) {}

        @Override
        public void skipped(String useCase, String reason) {}
      };

  /** Reason given for a record that arrived after its period closed (its scraping month plus the grace). */
  String LATE = "late";

  /** Reason given for a listing version older (by scraping date) than the latest one already seen. */
  String OUT_OF_ORDER = "out-of-order";

  /** A use case emitted one updated result. */
  void updated(String useCase);

  /** A use case left a curated record out of its results, for {@code reason}; the record stays in curated. */
  void skipped(String useCase, String reason);

  /**
   * Announces, when the topology is built, a reason for which {@code useCase} may skip records, so that its counter
   * exists (at zero) before the first skip: alerts and dashboards then see a series from the start.
   */
  default void skipReason(String useCase, String reason) {}
}
