package dev.listings.alerting.json;

/** An input record the alerting cannot read; it is counted and skipped, never fatal. */
public final class InvalidInputException extends Exception {
  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
