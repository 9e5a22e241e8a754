package dev.listings.usecases.query;

/** A state store cannot be read right now (rebalancing, restoring, shutting down); ask again later. */
public final class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreUnavailableException(String message) {
    super(message);
  }
}
