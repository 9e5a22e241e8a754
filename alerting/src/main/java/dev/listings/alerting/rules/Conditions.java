package dev.listings.alerting.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What one evaluation found: the conditions that hold, and for conditions that stopped holding an optional note on why
 * (e.g. "re-ingested successfully"). Watches may ask whether a key's incident is open, to apply a lower threshold
 * while it is (hysteresis).
 */
public final class Conditions {
  private final Predicate<String> open;
  private final List<Condition> active = new ArrayList<>();
  private final Map<String, String> clearNotes = new HashMap<>();

  Conditions(Predicate<String> open) {
    this.open = open;
  }

  boolean isOpen(String key) {
    return open.test(key);
  }

  void active(Condition condition) {
    active.add(condition);
  }

  void cleared(String key, String note) {
    clearNotes.put(key, note);
  }

  List<Condition> active() {
    return active;
  }

  String clearNote(String key) {
    return clearNotes.get(key);
  }
}
