package dev.listings.infra.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.listings.schemas.registry.CompatibilityLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the schema log says: the versions of every subject, the global ids of schemas and the compatibility levels.
 * Changes arrive only through {@link #apply} of log entries in Confluent's {@code _schemas} format — key
 * {@code {"keytype":"SCHEMA","subject":s,"version":v,"magic":1}} with value
 * {@code {"subject":s,"version":v,"id":n,"schema":text,"deleted":bool}}, and key
 * {@code {"keytype":"CONFIG","subject":s|null,"magic":0}} with value {@code {"compatibilityLevel":L}} — so replaying
 * the log at start rebuilds exactly the state that was served. Not thread-safe; the service serialises access.
 */
final class RegistryState {
  static final ObjectMapper JSON = new ObjectMapper();

  record Version(String subject, int version, int id, String schema, boolean deleted) {}

  private final Map<String, TreeMap<Integer, Version>> subjects = new TreeMap<>();
  private final Map<String, Integer> idsBySchema = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = CompatibilityLevel.DEFAULT;
  private int maxId;

  static SchemaLog.Entry schemaEntry(Version v) {
    ObjectNode value = JSON.createObjectNode().put("subject", v.subject()).put("version", v.version())
        .put("id", v.id()).put("schema", v.schema()).put("deleted", v.deleted());
    return new SchemaLog.Entry(schemaKey(v.subject(), v.version()), bytes(value));
  }

  static SchemaLog.Entry schemaTombstone(String subject, int version) {
    return new SchemaLog.Entry(schemaKey(subject, version), null);
  }

  static SchemaLog.Entry configEntry(String subject, CompatibilityLevel level) {
    byte[] value = level == null ? null
        : bytes(JSON.createObjectNode().put("compatibilityLevel", level.name()));
    ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG").put("subject", subject).put("magic", 0);
    return new SchemaLog.Entry(bytes(key), value);
  }

  void apply(SchemaLog.Entry entry) {
    JsonNode key = read(entry.key());
    JsonNode value = entry.value() == null ? null : read(entry.value());
    String subject = key.path("subject").isNull() ? null : key.path("subject").asText(null);
    switch (key.path("keytype").asText()) {
      case "SCHEMA" -> applySchema(subject, key.path("version").asInt(), value);
      case "CONFIG" -> applyConfig(subject, value);
      default -> { } // NOOP and other Confluent key types carry nothing this registry serves
    }
  }

  List<Version> versions(String subject, boolean includeDeleted) {
    List<Version> result = new ArrayList<>();
    for (Version v : subjects.getOrDefault(subject, new TreeMap<>()).values()) {
      if (includeDeleted || !v.deleted()) {
        result.add(v);
      }
    }
    return result;
  }

  Optional<Version> version(String subject, int version) {
    return Optional.ofNullable(subjects.getOrDefault(subject, new TreeMap<>()).get(version));
  }

  List<String> subjects(boolean includeDeleted) {
    return subjects.keySet().stream().filter(s -> !versions(s, includeDeleted).isEmpty()).toList();
  }

  /** Every version, live or soft-deleted, that holds the schema with this id. */
  List<Version> withId(int id) {
    List<Version> result = new ArrayList<>();
    subjects.values().forEach(vs -> vs.values().stream().filter(v -> v.id() == id).forEach(result::add));
    return result;
  }

  Optional<Integer> idOf(String canonicalSchema) {
    return Optional.ofNullable(idsBySchema.get(canonicalSchema));
  }

  int nextId() {
    return maxId + 1;
  }

  /** Versions keep counting past soft-deleted ones, as Confluent's do. */
  int nextVersion(String subject) {
    TreeMap<Integer, Version> versions = subjects.get(subject);
    return versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
  }

  /** The level named {@code name} (any case); Confluent's 42203 error for anything else. */
  static CompatibilityLevel level(String name) {
    return CompatibilityLevel.find(name).orElseThrow(() -> RegistryError.invalidCompatibilityLevel(name));
  }

  CompatibilityLevel globalLevel() {
    return globalLevel;
  }

  Optional<CompatibilityLevel> subjectLevel(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  CompatibilityLevel effectiveLevel(String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel);
  }

  private void applySchema(String subject, int version, JsonNode value) {
    if (value == null) {
      TreeMap<Integer, Version> versions = subjects.get(subject);
      if (versions != null) {
        versions.remove(version);
        if (versions.isEmpty()) {
          subjects.remove(subject);
        }
      }
      return;
    }
    Version v = new Version(subject, version, value.path("id").asInt(), value.path("schema").asText(),
        value.path("deleted").asBoolean(false));
    subjects.computeIfAbsent(subject, s -> new TreeMap<>()).put(version, v);
    idsBySchema.putIfAbsent(v.schema(), v.id());
    maxId = Math.max(maxId, v.id());
  }

  private void applyConfig(String subject, JsonNode value) {
    CompatibilityLevel level = value == null ? null
        : level(value.path("compatibilityLevel").asText());
    if (subject == null) {
      globalLevel = level == null ? CompatibilityLevel.DEFAULT : level;
    } else if (level == null) {
      subjectLevels.remove(subject);
    } else {
      subjectLevels.put(subject, level);
    }
  }

  private static byte[] schemaKey(String subject, int version) {
    return bytes(JSON.createObjectNode().put("keytype", "SCHEMA").put("subject", subject).put("version", version)
        .put("magic", 1));
  }

  private static JsonNode read(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("Unreadable schema log entry", e);
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
