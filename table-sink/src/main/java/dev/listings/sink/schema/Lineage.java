package dev.listings.sink.schema;

/**
 * Where a row came from in Kafka: topic, partition, offset, the record key as text and the record timestamp. Together
 * with the source URI these are the lineage columns of every table row.
 */
public record Lineage(String topic, int partition, long offset, String key, long timestampMillis) {}
