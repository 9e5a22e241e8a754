package dev.listings.infra.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Confluent's compatibility levels judged with Avro's {@link SchemaCompatibility}: BACKWARD (the new schema reads the
 * previous one's data), FORWARD (the previous schema reads the new one's data), FULL (both), NONE, and the
 * {@code _TRANSITIVE} variants that check every earlier version instead of the latest only. (The client library has
 * the same rules; this module cannot depend on it because it depends on this module for its integration tests.)
 */
enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  static final CompatibilityLevel DEFAULT = BACKWARD;

  private final boolean newReadsOld;
  private final boolean oldReadsNew;
  private final boolean transitive;

  CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
    this.newReadsOld = newReadsOld;
    this.oldReadsNew = oldReadsNew;
    this.transitive = transitive;
  }

  static CompatibilityLevel parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw RegistryError.invalidCompatibilityLevel(name);
    }
  }

  /**
   * Why {@code candidate} may not follow {@code previous} (oldest first; the last is the one a non-transitive level
   * compares with); empty when it may.
   */
  List<String> incompatibilities(Schema candidate, List<Schema> previous) {
    List<String> problems = new ArrayList<>();
    if (this == NONE || previous.isEmpty()) {
      return problems;
    }
    List<Schema> checked = transitive ? previous : previous.subList(previous.size() - 1, previous.size());
    for (Schema old : checked) {
      if (newReadsOld) {
        describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old), "new schema reading old data",
            problems);
      }
      if (oldReadsNew) {
        describe(SchemaCompatibility.checkReaderWriterCompatibility(old, candidate), "old schema reading new data",
            problems);
      }
    }
    return problems;
  }

  private static void describe(SchemaCompatibility.SchemaPairCompatibility result, String direction,
      List<String> out) {
    for (Incompatibility problem : result.getResult().getIncompatibilities()) {
      out.add("{errorType:'" + problem.getType() + "', description:'" + problem.getMessage() + "', location:'"
          + problem.getLocation() + "', direction:'" + direction + "'}");
    }
  }
}
