package dev.listings.ingest.discovery;

/**
 * The objects one task owns when several share a connector: by a stable hash of the key, so that every version of a
 * key goes to the same task and its offsets have one writer.
 */
public record TaskShare(int index, int count) {
  public TaskShare {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("Task " + index + " of " + count + " does not exist");
    }
  }

  public boolean owns(String key) {
    // String.hashCode is specified by the language, so every worker computes the same owner.
    return Math.floorMod(key.hashCode(), count) == index;
  }
}
