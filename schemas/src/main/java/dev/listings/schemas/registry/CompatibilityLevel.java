package dev.listings.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Confluent's compatibility levels, judged with Avro's own {@link SchemaCompatibility} rules. BACKWARD: the new schema
 * reads data written with the previous one; FORWARD: the previous schema reads data written with the new one; FULL:
 * both; the {@code _TRANSITIVE} variants check against every earlier version instead of the latest only.
 */
public enum CompatibilityLevel {
  NONE(false, false, false),
  BACKWARD(true, false, false),
  BACKWARD_TRANSITIVE(true, false, true),
  FORWARD(false, true, false),
  FORWARD_TRANSITIVE(false, true, true),
  FULL(true, true, false),
  FULL_TRANSITIVE(true, true, true);

  /** A registry's level where none is configured, as in Confluent's. */
  public static final CompatibilityLevel DEFAULT = BACKWARD;

  private final boolean newReadsOld;
  private final boolean oldReadsNew;
  private final boolean transitive;

  CompatibilityLevel(boolean newReadsOld, boolean oldReadsNew, boolean transitive) {
    this.newReadsOld = newReadsOld;
    this.oldReadsNew = oldReadsNew;
    this.transitive = transitive;
  }

  /** Parses a level name case-insensitively; error code 42203 for anything else. */
  public static CompatibilityLevel parse(String name) {
    return find(name).orElseThrow(() -> new SchemaRegistryException(
        422,
        SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL,
        "Invalid compatibility level '" + name + "'. Valid values are " + List.of(values())));
  }

  /** The level of that name, case-insensitively and ignoring surrounding blanks; empty for anything else. */
  public static Optional<CompatibilityLevel> find(String name) {
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Why {@code candidate} may not follow {@code previous} (oldest first) at this level; empty when it may. Each entry
   * names the Avro incompatibility type, where it is and which earlier schema it concerns.
   */
  public List<String> incompatibilities(Schema candidate, List<Schema> previous) {
    List<String> problems = new ArrayList<>();
    if (previous.isEmpty() || this == NONE) {
      return problems;
    }
    List<Schema> checked = transitive ? previous : previous.subList(previous.size() - 1, previous.size());
    for (int i = 0; i < checked.size(); i++) {
      Schema old = checked.get(i);
      String against = transitive ? " #" + (i + 1) : "";
      if (newReadsOld) {
        describe(SchemaCompatibility.checkReaderWriterCompatibility(candidate, old),
            "new schema reading data of earlier schema" + against, problems);
      }
      if (oldReadsNew) {
        describe(SchemaCompatibility.checkReaderWriterCompatibility(old, candidate),
            "earlier schema" + against + " reading data of new schema", problems);
      }
    }
    return problems;
  }

  public boolean isCompatible(Schema candidate, List<Schema> previous) {
    return incompatibilities(candidate, previous).isEmpty();
  }

  private static void describe(
      SchemaCompatibility.SchemaPairCompatibility result, String direction, List<String> out) {
    for (Incompatibility problem : result.getResult().getIncompatibilities()) {
      out.add(
          "{errorType:'"
              + problem.getType()
              + "', location:'"
              + problem.getLocation()
              + "', description:'"
              + problem.getMessage()
              + "', direction:'"
              + direction
              + "'}");
    }
  }
}
