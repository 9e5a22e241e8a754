package dev.listings.infra;

/** Short pauses between readiness checks; an interrupt ends the pause and stays set for the caller to see. */
final class Sleeper {
  private Sleeper() {}

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
