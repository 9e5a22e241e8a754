package dev.listings.infra.registry;

import dev.listings.infra.registry.RegistryState.Version;
import dev.listings.schemas.registry.CompatibilityLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The registry's operations with Confluent's semantics: one global id per distinct schema (canonical text), shared by
 * every subject that registers it; versions per subject that keep counting past soft deletes; registration checked
 * against the subject's compatibility level (BACKWARD unless configured); soft delete before permanent delete. Every
 * change is appended to the durable log first and applied to the state after, so an answer is only given for what
 * survives a restart. Calls are serialised: the registry is a single writer.
 */
final class RegistryService {
  private final SchemaLog log;
  private final RegistryState state = new RegistryState();
  private final Map<String, Schema> parsed = new ConcurrentHashMap<>();

  RegistryService(SchemaLog log) {
    this.log = log;
    log.replay().forEach(state::apply);
  }

  synchronized int register(String subject, String schemaText) {
    String canonical = canonical(schemaText);
    List<Version> live = state.versions(subject, false);
    for (Version v : live) {
      if (v.schema().equals(canonical)) {
        return v.id();
      }
    }
    CompatibilityLevel level = state.effectiveLevel(subject);
    List<String> problems = level.incompatibilities(parse(canonical), schemasOf(live));
    if (!problems.isEmpty()) {
      throw RegistryError.incompatible(subject, level.name(), problems);
    }
    int id = state.idOf(canonical).orElse(state.nextId());
    write(RegistryState.schemaEntry(new Version(subject, state.nextVersion(subject), id, canonical, false)));
    return id;
  }

  synchronized Version lookup(String subject, String schemaText, boolean includeDeleted) {
    String canonical = canonical(schemaText);
    List<Version> versions = existingVersions(subject, includeDeleted);
    return versions.stream().filter(v -> v.schema().equals(canonical)).reduce((a, b) -> b)
        .orElseThrow(RegistryError::schemaNotFound);
  }

  synchronized List<Integer> versions(String subject, boolean includeDeleted) {
    return existingVersions(subject, includeDeleted).stream().map(Version::version).toList();
  }

  /** A version by its path spelling: a positive number, or {@code latest} / {@code -1}. */
  synchronized Version version(String subject, String spec, boolean includeDeleted) {
    List<Version> versions = existingVersions(subject, includeDeleted);
    if (isLatest(spec)) {
      return versions.get(versions.size() - 1);
    }
    int number = versionNumber(spec);
    return state.version(subject, number).filter(v -> includeDeleted || !v.deleted())
        .orElseThrow(() -> RegistryError.versionNotFound(number));
  }

  synchronized List<String> subjects(boolean includeDeleted) {
    return state.subjects(includeDeleted);
  }

  /** Versions of the subjects starting with {@code prefix}, by subject and version; only the latest if asked. */
  synchronized List<Version> schemas(String prefix, boolean includeDeleted, boolean latestOnly) {
    List<Version> result = new ArrayList<>();
    for (String subject : state.subjects(includeDeleted)) {
      if (subject.startsWith(prefix)) {
        List<Version> versions = state.versions(subject, includeDeleted);
        result.addAll(latestOnly ? versions.subList(versions.size() - 1, versions.size()) : versions);
      }
    }
    return result;
  }

  synchronized String schemaById(int id) {
    return state.withId(id).stream().findFirst().map(Version::schema)
        .orElseThrow(() -> RegistryError.schemaIdNotFound(id));
  }

  synchronized List<Version> versionsWithId(int id, boolean includeDeleted) {
    List<Version> all = state.withId(id);
    if (all.isEmpty()) {
      throw RegistryError.schemaIdNotFound(id);
    }
    return all.stream().filter(v -> includeDeleted || !v.deleted()).toList();
  }

  synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
    List<Version> all = state.versions(subject, true);
    if (all.isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    List<Version> live = state.versions(subject, false);
    if (!permanent) {
      if (live.isEmpty()) {
        throw RegistryError.subjectSoftDeleted(subject);
      }
      live.forEach(v -> write(RegistryState.schemaEntry(softDeleted(v))));
      return live.stream().map(Version::version).toList();
    }
    if (!live.isEmpty()) {
      throw RegistryError.subjectNotSoftDeleted(subject);
    }
    all.forEach(v -> write(RegistryState.schemaTombstone(subject, v.version())));
    if (state.subjectLevel(subject).isPresent()) {
      write(RegistryState.configEntry(subject, null));
    }
    return all.stream().map(Version::version).toList();
  }

  synchronized int deleteVersion(String subject, String spec, boolean permanent) {
    Version v = version(subject, spec, !isLatest(spec));
    if (!permanent) {
      if (v.deleted()) {
        throw RegistryError.versionSoftDeleted(subject, v.version());
      }
      write(RegistryState.schemaEntry(softDeleted(v)));
    } else if (!v.deleted()) {
      throw RegistryError.versionNotSoftDeleted(subject, v.version());
    } else {
      write(RegistryState.schemaTombstone(subject, v.version()));
    }
    return v.version();
  }

  /**
   * Incompatibilities of {@code schemaText} against one version ({@code spec}), or against the versions the
   * subject's level looks at when {@code spec} is null or {@code latest}. A subject without versions accepts any
   * schema at {@code latest}.
   */
  synchronized List<String> compatibility(String subject, String spec, String schemaText) {
    Schema candidate = parse(canonical(schemaText));
    List<Version> live = state.versions(subject, false);
    CompatibilityLevel level = state.effectiveLevel(subject);
    if (spec == null || isLatest(spec)) {
      return level.incompatibilities(candidate, schemasOf(live));
    }
    if (live.isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    Version v = version(subject, spec, false);
    return level.incompatibilities(candidate, List.of(parse(v.schema())));
  }

  synchronized CompatibilityLevel globalLevel() {
    return state.globalLevel();
  }

  synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
    return state.subjectLevel(subject);
  }

  synchronized void setLevel(String subject, CompatibilityLevel level) {
    write(RegistryState.configEntry(subject, level));
  }

  synchronized CompatibilityLevel deleteSubjectLevel(String subject) {
    CompatibilityLevel previous = state.subjectLevel(subject)
        .orElseThrow(() -> RegistryError.subjectLevelNotConfigured(subject));
    write(RegistryState.configEntry(subject, null));
    return previous;
  }

  /** Avro's own rendering of the parsed schema: other whitespace or key order maps to the same text and id. */
  String canonical(String schemaText) {
    if (schemaText == null || schemaText.isBlank()) {
      throw RegistryError.invalidSchema("Empty schema");
    }
    try {
      Schema schema = new Schema.Parser().setValidateDefaults(true).parse(schemaText);
      String canonical = schema.toString();
      parsed.putIfAbsent(canonical, schema);
      return canonical;
    } catch (SchemaParseException | IllegalArgumentException e) {
      throw RegistryError.invalidSchema("Invalid schema " + schemaText + ": " + e.getMessage());
    } catch (RuntimeException e) {
      throw RegistryError.invalidSchema("Invalid schema " + schemaText + ": " + e);
    }
  }

  private Schema parse(String canonical) {
    return parsed.computeIfAbsent(canonical, text -> new Schema.Parser().parse(text));
  }

  private List<Schema> schemasOf(List<Version> versions) {
    List<Schema> schemas = new ArrayList<>();
    versions.forEach(v -> schemas.add(parse(v.schema())));
    return schemas;
  }

  private List<Version> existingVersions(String subject, boolean includeDeleted) {
    List<Version> versions = state.versions(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    return versions;
  }

  private void write(SchemaLog.Entry entry) {
    log.append(entry);
    state.apply(entry);
  }

  private static Version softDeleted(Version v) {
    return new Version(v.subject(), v.version(), v.id(), v.schema(), true);
  }

  private static boolean isLatest(String spec) {
    return "latest".equalsIgnoreCase(spec.trim()) || "-1".equals(spec.trim());
  }

  private static int versionNumber(String spec) {
    try {
      int number = Integer.parseInt(spec.trim());
      if (number >= 1) {
        return number;
      }
    } catch (NumberFormatException e) {
      // fall through to the registry's own error
    }
    throw RegistryError.invalidVersion(spec);
  }
}
