package dev.listings.local.run;

import java.util.List;

/**
 * A use case's output topic as the command line reads it: a table (latest value per key) or a stream of events, and
 * the CSV header to write when there are no results yet.
 */
public record UseCaseOutput(String topic, boolean table, List<String> columnsWhenEmpty) {}
