package dev.listings.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A schema registry held in memory with the semantics of Confluent's: global ids shared by equal schemas across
 * subjects, versions per subject, compatibility checked on registration (BACKWARD unless set otherwise). Instances
 * made with the constructor are private to their user; {@link #forScope} hands out one shared instance per scope name,
 * which is what {@code schema.registry.url=mock://<scope>} selects, so a producer and a consumer configured alike
 * see the same schemas (as with Confluent's MockSchemaRegistry).
 */
public class InMemorySchemaRegistryClient implements SchemaRegistryClient {
  private static final Map<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

  private final Map<String, List<RegisteredSchema>> versionsBySubject = new TreeMap<>();
  private final Map<String, Integer> idsByCanonical = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = CompatibilityLevel.DEFAULT;

  /** The registry shared by every {@code mock://<scope>} user in this JVM, created on first use. */
  public static InMemorySchemaRegistryClient forScope(String scope) {
    return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistryClient());
  }

  /** Forgets a scope's registry (between tests); the next {@link #forScope} call starts empty. */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    String canonical = AvroSchemas.canonical(schema);
    List<RegisteredSchema> versions = versionsBySubject.getOrDefault(subject, List.of());
    for (RegisteredSchema existing : versions) {
      if (AvroSchemas.canonical(existing.schema()).equals(canonical)) {
        return existing.id();
      }
    }
    CompatibilityLevel level = getCompatibility(subject);
    List<String> problems = level.incompatibilities(schema, schemasOf(versions));
    if (!problems.isEmpty()) {
      throw SchemaRegistryException.incompatible(subject, level, problems);
    }
    int id = idsByCanonical.computeIfAbsent(canonical, c -> idsByCanonical.size() + 1);
    schemasById.putIfAbsent(id, schema);
    int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
    versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>())
        .add(new RegisteredSchema(subject, id, version, schemasById.get(id)));
    return id;
  }

  @Override
  public synchronized Schema getById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw SchemaRegistryException.schemaNotFound("Schema " + id);
    }
    return schema;
  }

  @Override
  public synchronized RegisteredSchema getLatest(String subject) {
    List<RegisteredSchema> versions = versionsOf(subject);
    return versions.get(versions.size() - 1);
  }

  @Override
  public synchronized RegisteredSchema getVersion(String subject, int version) {
    return versionsOf(subject).stream()
        .filter(v -> v.version() == version)
        .findFirst()
        .orElseThrow(() -> SchemaRegistryException.versionNotFound(subject, version));
  }

  @Override
  public synchronized RegisteredSchema lookup(String subject, Schema schema) {
    String canonical = AvroSchemas.canonical(schema);
    return versionsOf(subject).stream()
        .filter(v -> AvroSchemas.canonical(v.schema()).equals(canonical))
        .findFirst()
        .orElseThrow(() -> SchemaRegistryException.schemaNotFound("Schema in subject '" + subject + "'"));
  }

  @Override
  public synchronized boolean testCompatibility(String subject, Schema schema) {
    List<RegisteredSchema> versions = versionsBySubject.getOrDefault(subject, List.of());
    return getCompatibility(subject).isCompatible(schema, schemasOf(versions));
  }

  @Override
  public synchronized List<String> getAllSubjects() {
    return List.copyOf(versionsBySubject.keySet());
  }

  @Override
  public synchronized List<Integer> getAllVersions(String subject) {
    return versionsOf(subject).stream().map(RegisteredSchema::version).toList();
  }

  @Override
  public synchronized CompatibilityLevel getCompatibility(String subject) {
    return subject == null ? globalLevel : subjectLevels.getOrDefault(subject, globalLevel);
  }

  @Override
  public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
    if (subject == null) {
      globalLevel = level;
    } else {
      subjectLevels.put(subject, level);
    }
  }

  private List<RegisteredSchema> versionsOf(String subject) {
    List<RegisteredSchema> versions = versionsBySubject.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw SchemaRegistryException.subjectNotFound(subject);
    }
    return versions;
  }

  private static List<Schema> schemasOf(List<RegisteredSchema> versions) {
    return versions.stream().map(RegisteredSchema::schema).toList();
  }
}
