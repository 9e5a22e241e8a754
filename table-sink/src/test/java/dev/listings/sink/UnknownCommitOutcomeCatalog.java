package dev.listings.sink;

import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.TableMetadata;
import org.apache.iceberg.TableOperations;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.encryption.EncryptionManager;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.LocationProvider;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * The local JDBC catalog with one armed fault: the next table commit ends in {@link CommitStateUnknownException}, the
 * way a catalog call does when the connection drops after the request was sent (Glue or the database timed out, the
 * pod lost its network). Depending on the fault, the metadata swap really happened or did not: the writer cannot
 * tell, and must neither assume it failed (retrying would duplicate rows) nor that it succeeded.
 */
public class UnknownCommitOutcomeCatalog extends JdbcCatalog {
  /** What the armed commit really did before its caller lost track. */
  enum Outcome {
    APPLIED,
    NOT_APPLIED
  }

  private static final AtomicReference<Outcome> NEXT_COMMIT = new AtomicReference<>();

  /** Arms the fault for the next table commit in this JVM through this catalog class. */
  static void failNextCommit(Outcome outcome) {
    NEXT_COMMIT.set(outcome);
  }

  @Override
  protected TableOperations newTableOps(TableIdentifier identifier) {
    return new Operations(super.newTableOps(identifier));
  }

  private static final class Operations implements TableOperations {
    private final TableOperations delegate;

    Operations(TableOperations delegate) {
      this.delegate = delegate;
    }

    @Override
    public void commit(TableMetadata base, TableMetadata metadata) {
      Outcome fault = NEXT_COMMIT.getAndSet(null);
      if (fault == Outcome.NOT_APPLIED) {
        throw unknown();
      }
      delegate.commit(base, metadata);
      if (fault == Outcome.APPLIED) {
        throw unknown();
      }
    }

    private static CommitStateUnknownException unknown() {
      return new CommitStateUnknownException(new SocketTimeoutException("catalog connection lost after the request"));
    }

    @Override
    public TableMetadata current() {
      return delegate.current();
    }

    @Override
    public TableMetadata refresh() {
      return delegate.refresh();
    }

    @Override
    public FileIO io() {
      return delegate.io();
    }

    @Override
    public EncryptionManager encryption() {
      return delegate.encryption();
    }

    @Override
    public String metadataFileLocation(String fileName) {
      return delegate.metadataFileLocation(fileName);
    }

    @Override
    public LocationProvider locationProvider() {
      return delegate.locationProvider();
    }

    @Override
    public TableOperations temp(TableMetadata uncommittedMetadata) {
      return delegate.temp(uncommittedMetadata);
    }

    @Override
    public long newSnapshotId() {
      return delegate.newSnapshotId();
    }

    @Override
    public boolean requireStrictCleanup() {
      return delegate.requireStrictCleanup();
    }
  }
}
