package dev.listings.infra.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.listings.infra.registry.RegistryState.Version;
import dev.listings.schemas.registry.CompatibilityLevel;
import java.util.List;
import java.util.Map;

/**
 * Maps the Confluent Schema Registry REST API onto {@link RegistryService}: the endpoints Confluent's clients, Kafka UI
 * and our own client use, with Confluent's request and answer shapes (AVRO schemas carry no {@code schemaType}).
 */
final class RegistryRoutes {
  /** A request: method, decoded path segments, decoded query parameters, JSON body or null. */
  record Request(String method, List<String> path, Map<String, String> query, JsonNode body) {
    String segment(int i) {
      return path.get(i);
    }

    boolean flag(String name) {
      return Boolean.parseBoolean(query.getOrDefault(name, "false"));
    }
  }

  /** Schema text that is the answer body itself, not a JSON string. */
  record RawJson(String json) {}

  private final RegistryService service;

  RegistryRoutes(RegistryService service) {
    this.service = service;
  }

  /** The answer body (serialised as JSON), or throws {@link RegistryError}. */
  Object handle(Request r) {
    List<String> p = r.path();
    String first = p.isEmpty() ? "" : p.get(0);
    return switch (first) {
      case "" -> r.method().equals("GET") ? json() : notAllowed();
      case "subjects" -> subjects(r, p);
      case "schemas" -> schemas(r, p);
      case "compatibility" -> compatibility(r, p);
      case "config" -> config(r, p);
      case "mode" -> mode(r, p);
      case "contexts" -> p.size() == 1 && r.method().equals("GET") ? List.of(".") : notFound();
      default -> notFound();
    };
  }

  private Object subjects(Request r, List<String> p) {
    boolean deleted = r.flag("deleted");
    if (p.size() == 1) {
      String prefix = r.query().getOrDefault("subjectPrefix", "");
      return r.method().equals("GET")
          ? service.subjects(deleted).stream().filter(s -> s.startsWith(prefix)).toList()
          : notAllowed();
    }
    String subject = r.segment(1);
    if (p.size() == 2) {
      return switch (r.method()) {
        case "POST" -> versionJson(service.lookup(subject, SchemaRequests.schemaText(r.body(), false), deleted));
        case "DELETE" -> service.deleteSubject(subject, r.flag("permanent"));
        default -> notAllowed();
      };
    }
    if (!p.get(2).equals("versions")) {
      return notFound();
    }
    if (p.size() == 3) {
      return switch (r.method()) {
        case "GET" -> service.versions(subject, deleted);
        case "POST" -> json().put("id", service.register(subject, SchemaRequests.schemaText(r.body(), true)));
        default -> notAllowed();
      };
    }
    String spec = r.segment(3);
    if (p.size() == 4) {
      return switch (r.method()) {
        case "GET" -> versionJson(service.version(subject, spec, deleted));
        case "DELETE" -> service.deleteVersion(subject, spec, r.flag("permanent"));
        default -> notAllowed();
      };
    }
    if (p.size() == 5 && r.method().equals("GET")) {
      Version v = service.version(subject, spec, deleted);
      return switch (p.get(4)) {
        case "schema" -> new RawJson(v.schema());
        case "referencedby" -> List.of(); // references are not supported, so nothing refers to a version
        default -> notFound();
      };
    }
    return notFound();
  }

  private Object schemas(Request r, List<String> p) {
    if (!r.method().equals("GET")) {
      return notAllowed();
    }
    if (p.size() == 1) {
      return service.schemas(r.query().getOrDefault("subjectPrefix", ""), r.flag("deleted"), r.flag("latestOnly"))
          .stream().map(RegistryRoutes::versionJson).toList();
    }
    if (p.size() == 2 && p.get(1).equals("types")) {
      return List.of("AVRO");
    }
    if (p.size() < 3 || !p.get(1).equals("ids")) {
      return notFound();
    }
    int id = SchemaRequests.schemaId(p.get(2));
    if (p.size() == 3) {
      return json().put("schema", service.schemaById(id));
    }
    if (p.size() == 4) {
      return switch (p.get(3)) {
        case "schema" -> new RawJson(service.schemaById(id));
        case "versions" -> versionRefs(service.versionsWithId(id, r.flag("deleted")));
        case "subjects" -> service.versionsWithId(id, r.flag("deleted")).stream().map(Version::subject)
            .distinct().toList();
        default -> notFound();
      };
    }
    return notFound();
  }

  private Object compatibility(Request r, List<String> p) {
    if (p.size() < 4 || !p.get(1).equals("subjects") || !p.get(3).equals("versions") || p.size() > 5) {
      return notFound();
    }
    if (!r.method().equals("POST")) {
      return notAllowed();
    }
    String spec = p.size() == 5 ? p.get(4) : null;
    List<String> problems = service.compatibility(p.get(2), spec, SchemaRequests.schemaText(r.body(), false));
    ObjectNode answer = json().put("is_compatible", problems.isEmpty());
    if (r.flag("verbose")) {
      ArrayNode messages = answer.putArray("messages");
      problems.forEach(messages::add);
    }
    return answer;
  }

  private Object config(Request r, List<String> p) {
    if (p.size() > 2) {
      return notFound();
    }
    String subject = p.size() == 2 ? p.get(1) : null;
    switch (r.method()) {
      case "GET" -> {
        CompatibilityLevel level = subject == null ? service.globalLevel()
            : service.subjectLevel(subject).orElseGet(() -> {
              if (r.flag("defaultToGlobal")) {
                return service.globalLevel();
              }
              throw RegistryError.subjectLevelNotConfigured(subject);
            });
        return json().put("compatibilityLevel", level.name());
      }
      case "PUT" -> {
        JsonNode body = SchemaRequests.object(r.body());
        String requested = body.hasNonNull("compatibility") ? body.get("compatibility").asText()
            : body.path("compatibilityLevel").asText("");
        CompatibilityLevel level = RegistryState.level(requested);
        service.setLevel(subject, level);
        return json().put("compatibility", level.name());
      }
      case "DELETE" -> {
        if (subject == null) {
          return notAllowed();
        }
        return json().put("compatibilityLevel", service.deleteSubjectLevel(subject).name());
      }
      default -> {
        return notAllowed();
      }
    }
  }

  private Object mode(Request r, List<String> p) {
    if (p.size() > 2) {
      return notFound();
    }
    if (r.method().equals("PUT")) {
      String mode = SchemaRequests.object(r.body()).path("mode").asText("");
      if (!mode.equals("READWRITE")) {
        throw RegistryError.invalidMode(mode);
      }
    } else if (!r.method().equals("GET")) {
      return notAllowed();
    }
    return json().put("mode", "READWRITE");
  }

  private static ObjectNode versionJson(Version v) {
    return json().put("subject", v.subject()).put("version", v.version()).put("id", v.id())
        .put("schema", v.schema());
  }

  private static ArrayNode versionRefs(List<Version> versions) {
    ArrayNode refs = RegistryState.JSON.createArrayNode();
    versions.forEach(v -> refs.addObject().put("subject", v.subject()).put("version", v.version()));
    return refs;
  }

  private static ObjectNode json() {
    return RegistryState.JSON.createObjectNode();
  }

  private static Object notFound() {
    throw new RegistryError(404, 404, "HTTP 404 Not Found");
  }

  private static Object notAllowed() {
    throw new RegistryError(405, 405, "HTTP 405 Method Not Allowed");
  }
}
