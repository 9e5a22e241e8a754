package dev.listings.sink.table;

import org.apache.iceberg.catalog.Catalog;

/**
 * A use of a process-wide Iceberg catalog. Closing the handle releases the use; the catalog itself is closed when its
 * last handle is, so that the sink and a local SQL reader in one process share one initialized catalog.
 */
public final class CatalogHandle implements AutoCloseable {
  private final IcebergCatalogs.Shared shared;
  private boolean closed;

  CatalogHandle(IcebergCatalogs.Shared shared) {
    this.shared = shared;
  }

  public Catalog catalog() {
    if (closed) {
      throw new IllegalStateException("Catalog handle is closed");
    }
    return shared.catalog();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      IcebergCatalogs.release(shared);
    }
  }
}
