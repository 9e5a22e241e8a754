package dev.listings.alerting.rules;

import dev.listings.alerting.model.LedgerUpdate;
import dev.listings.alerting.model.ObjectRef;
import java.util.HashMap;
import java.util.Map;

/**
 * The ledger as the alerting needs it: the latest counts per ledger record key, their sum per object (how many of the
 * object's lines are accounted for), and the change each update brings (new lines judged, the denominator of reject
 * ratios).
 */
public final class LedgerBook {
  private final Map<String, LedgerUpdate> latestByLedgerKey = new HashMap<>();
  private final Map<ObjectRef, Long> linesByObject = new HashMap<>();

  /**
   * Records the latest value of a ledger key and returns how many lines it adds to its object compared with the
   * key's previous value (negative when a count was corrected down).
   */
  long apply(LedgerUpdate update) {
    LedgerUpdate previous = latestByLedgerKey.put(update.ledgerKey(), update);
    long delta = update.lines();
    if (previous != null) {
      delta -= previous.lines();
      if (!previous.object().equals(update.object())) {
        // A key never changes object in practice; if it did, move its previous counts off the old object.
        addLines(previous.object(), -previous.lines());
        delta = update.lines();
      }
    }
    addLines(update.object(), delta);
    return delta;
  }

  /** Forgets a deleted (tombstoned) ledger key. */
  void remove(String ledgerKey) {
    LedgerUpdate previous = latestByLedgerKey.remove(ledgerKey);
    if (previous != null) {
      addLines(previous.object(), -previous.lines());
    }
  }

  /** curated + rejected + duplicates summed over every ledger key of the object. */
  public long accountedLines(ObjectRef object) {
    return linesByObject.getOrDefault(object, 0L);
  }

  private void addLines(ObjectRef object, long delta) {
    long lines = linesByObject.getOrDefault(object, 0L) + delta;
    if (lines == 0) {
      linesByObject.remove(object);
    } else {
      linesByObject.put(object, lines);
    }
  }
}
