package dev.listings.infra.registry;

import java.util.List;

/**
 * The registry's durable record of changes: Confluent-style JSON key/value pairs, compacted by key. The registry
 * replays it once at start and appends to it before it answers a write.
 */
interface SchemaLog extends AutoCloseable {

  /** One change; a null value deletes the key (tombstone). */
  record Entry(byte[] key, byte[] value) {}

  /** Every entry from the beginning, in order. */
  List<Entry> replay();

  /** Appends and returns once the entry is durable. */
  void append(Entry entry);

  @Override
  void close();
}
