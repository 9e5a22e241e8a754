package dev.listings.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Client of the Confluent Schema Registry REST API (also served by Apicurio's ccompat API, Karapace and the embedded
 * registry). Ids are immutable, so id-to-schema and (subject, schema)-to-id answers are cached for the life of the
 * client; latest versions and compatibility are asked afresh each time. Thread-safe.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RegistryHttp http;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
  private final Map<SubjectSchema, RegisteredSchema> lookups = new ConcurrentHashMap<>();

  private record SubjectSchema(String subject, Schema schema) {}

  public RestSchemaRegistryClient(List<String> urls) {
    this(urls, null, Duration.ofSeconds(10), Duration.ofSeconds(30));
  }

  /**
   * @param urls base URLs tried in turn, e.g. {@code http://localhost:8081}
   * @param basicAuthUserInfo {@code user:password} sent on every request, or null to use each URL's user info
   */
  public RestSchemaRegistryClient(
      List<String> urls, String basicAuthUserInfo, Duration connectTimeout, Duration readTimeout) {
    this.http = new RegistryHttp(urls, basicAuthUserInfo, connectTimeout, readTimeout, JSON);
  }

  public List<String> baseUrls() {
    return http.baseUrls();
  }

  @Override
  public int register(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    Integer cached = idsBySubjectSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = http.send("POST", "/subjects/" + RegistryHttp.segment(subject) + "/versions", body(schema));
    int id = answer.get("id").asInt();
    schemasById.putIfAbsent(id, schema);
    idsBySubjectSchema.put(key, id);
    return id;
  }

  @Override
  public Schema getById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = http.send("GET", "/schemas/ids/" + id, null);
    String type = answer.path("schemaType").asText("AVRO");
    if (!"AVRO".equals(type)) {
      throw new SchemaRegistryException(200, SchemaRegistryException.INVALID_SCHEMA,
          "Schema " + id + " is a " + type + " schema, not Avro");
    }
    Schema parsed = AvroSchemas.parse(answer.get("schema").asText());
    Schema previous = schemasById.putIfAbsent(id, parsed);
    return previous != null ? previous : parsed;
  }

  @Override
  public RegisteredSchema getLatest(String subject) {
    return registered(http.send("GET", "/subjects/" + RegistryHttp.segment(subject) + "/versions/latest", null));
  }

  @Override
  public RegisteredSchema getVersion(String subject, int version) {
    return registered(http.send("GET", "/subjects/" + RegistryHttp.segment(subject) + "/versions/" + version, null));
  }

  @Override
  public RegisteredSchema lookup(String subject, Schema schema) {
    SubjectSchema key = new SubjectSchema(subject, schema);
    RegisteredSchema cached = lookups.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = http.send("POST", "/subjects/" + RegistryHttp.segment(subject), body(schema));
    int id = answer.get("id").asInt();
    schemasById.putIfAbsent(id, schema);
    RegisteredSchema found = new RegisteredSchema(subject, id, answer.get("version").asInt(), schemasById.get(id));
    lookups.put(key, found);
    return found;
  }

  @Override
  public boolean testCompatibility(String subject, Schema schema) {
    try {
      JsonNode answer = http.send("POST",
          "/compatibility/subjects/" + RegistryHttp.segment(subject) + "/versions/latest", body(schema));
      return answer.path("is_compatible").asBoolean(false);
    } catch (SchemaRegistryException e) {
      // Some registry versions answer 40401 for a subject without versions: nothing to be incompatible with.
      if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
        return true;
      }
      throw e;
    }
  }

  @Override
  public List<String> getAllSubjects() {
    return texts(http.send("GET", "/subjects", null)).stream().sorted().toList();
  }

  @Override
  public List<Integer> getAllVersions(String subject) {
    List<Integer> versions = new ArrayList<>();
    http.send("GET", "/subjects/" + RegistryHttp.segment(subject) + "/versions", null)
        .forEach(v -> versions.add(v.asInt()));
    return versions;
  }

  @Override
  public CompatibilityLevel getCompatibility(String subject) {
    if (subject == null) {
      return level(http.send("GET", "/config", null));
    }
    try {
      return level(http.send("GET", "/config/" + RegistryHttp.segment(subject) + "?defaultToGlobal=true", null));
    } catch (SchemaRegistryException e) {
      // Registries that ignore defaultToGlobal answer 40408 (no subject-level config) or 40401.
      if (e.errorCode() == 40408 || e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
        return getCompatibility(null);
      }
      throw e;
    }
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    String path = subject == null ? "/config" : "/config/" + RegistryHttp.segment(subject);
    http.send("PUT", path, Map.of("compatibility", level.name()));
  }

  private RegisteredSchema registered(JsonNode answer) {
    int id = answer.get("id").asInt();
    Schema schema = schemasById.get(id);
    if (schema == null) {
      schema = AvroSchemas.parse(answer.get("schema").asText());
      Schema previous = schemasById.putIfAbsent(id, schema);
      schema = previous != null ? previous : schema;
    }
    return new RegisteredSchema(answer.get("subject").asText(), id, answer.get("version").asInt(), schema);
  }

  private static Map<String, Object> body(Schema schema) {
    return Map.of("schema", AvroSchemas.canonical(schema));
  }

  private static CompatibilityLevel level(JsonNode answer) {
    JsonNode level = answer.hasNonNull("compatibilityLevel") ? answer.get("compatibilityLevel")
        : answer.get("compatibility");
    return CompatibilityLevel.parse(level == null ? "" : level.asText());
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
