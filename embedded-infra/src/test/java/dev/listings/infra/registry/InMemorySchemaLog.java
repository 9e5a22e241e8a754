package dev.listings.infra.registry;

import java.util.ArrayList;
import java.util.List;

/** A schema log kept in a list, so the registry's semantics and restarts can be tested without a broker. */
final class InMemorySchemaLog implements SchemaLog {
  private final List<Entry> entries = new ArrayList<>();

  @Override
  public synchronized List<Entry> replay() {
    return List.copyOf(entries);
  }

  @Override
  public synchronized void append(Entry entry) {
    entries.add(entry);
  }

  synchronized int size() {
    return entries.size();
  }

  @Override
  public void close() {}
}
