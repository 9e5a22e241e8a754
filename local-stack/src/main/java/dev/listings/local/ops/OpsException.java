package dev.listings.local.ops;

/** An operation refused or failed for a reason the user can act on; its message is printed as is. */
public final class OpsException extends RuntimeException {
  public OpsException(String message) {
    super(message);
  }

  public OpsException(String message, Throwable cause) {
    super(message, cause);
  }
}
