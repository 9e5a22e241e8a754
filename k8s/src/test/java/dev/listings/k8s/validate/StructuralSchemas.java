package dev.listings.k8s.validate;

import dev.listings.k8s.render.Resource;
import dev.listings.k8s.render.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates custom resources (Strimzi, KEDA, Prometheus Operator) against structural schemas in the CRDs' own
 * format (openAPIV3Schema: type, properties, required, items, additionalProperties, enum, minimum, pattern,
 * x-kubernetes-int-or-string, x-kubernetes-preserve-unknown-fields), kept in src/test/resources/crds/. Each holds the
 * subset of the upstream CRD the manifests use; a field outside it is reported as unknown, so a typo cannot pass and a
 * new field is added to the schema deliberately, from the upstream CRD.
 */
public final class StructuralSchemas {
  private StructuralSchemas() {}

  /** The schema file for a custom resource's apiVersion and kind, or null when none is kept. */
  public static Map<String, Object> schemaFor(Resource resource) {
    String file = "/crds/" + resource.group() + "_" + resource.apiVersion().substring(resource.apiVersion()
        .indexOf('/') + 1) + "_" + resource.kind() + ".yaml";
    try (InputStream in = StructuralSchemas.class.getResourceAsStream(file)) {
      if (in == null) {
        return null;
      }
      return Yaml.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<String> validate(Resource resource) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> schema = schemaFor(resource);
    if (schema == null) {
      problems.add(resource + ": no schema for custom resource " + resource.apiVersion() + " " + resource.kind());
      return problems;
    }
    problems.addAll(KubernetesSchemas.validateMetadata(resource));
    Map<String, Object> body = Yaml.copy(resource.body());
    body.remove("apiVersion");
    body.remove("kind");
    body.remove("metadata");
    validate(body, Resource.map(schema, "openAPIV3Schema"), resource + " ", problems);
    return problems;
  }

  @SuppressWarnings("unchecked")
  static void validate(Object value, Map<String, Object> schema, String path, List<String> problems) {
    if (schema == null || Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"))
        && schema.get("type") == null) {
      return;
    }
    if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
      if (!(value instanceof Integer || value instanceof Long || value instanceof String)) {
        problems.add(path + ": must be an integer or a string, is " + describe(value));
      }
      return;
    }
    String type = Resource.string(schema, "type");
    switch (type == null ? "" : type) {
      case "object" -> {
        if (!(value instanceof Map<?, ?> map)) {
          problems.add(path + ": must be an object, is " + describe(value));
          return;
        }
        Map<String, Object> properties = Resource.map(schema, "properties");
        Object additional = schema.get("additionalProperties");
        boolean preserve = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"));
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          String key = String.valueOf(entry.getKey());
          String child = path + (path.endsWith(" ") ? "" : ".") + key;
          if (properties != null && properties.containsKey(key)) {
            validate(entry.getValue(), (Map<String, Object>) properties.get(key), child, problems);
          } else if (additional instanceof Map<?, ?> additionalSchema) {
            validate(entry.getValue(), (Map<String, Object>) additionalSchema, child, problems);
          } else if (!preserve && !Boolean.TRUE.equals(additional)) {
            problems.add(child + ": unknown field");
          }
        }
        for (Object required : Resource.list(schema, "required")) {
          if (map.get(required) == null) {
            problems.add(path + ": required field '" + required + "' missing");
          }
        }
      }
      case "array" -> {
        if (!(value instanceof List<?> list)) {
          problems.add(path + ": must be an array, is " + describe(value));
          return;
        }
        for (int i = 0; i < list.size(); i++) {
          validate(list.get(i), Resource.map(schema, "items"), path + "[" + i + "]", problems);
        }
      }
      case "string" -> {
        if (!(value instanceof String text)) {
          problems.add(path + ": must be a string, is " + describe(value));
          return;
        }
        List<Object> allowed = Resource.list(schema, "enum");
        if (!allowed.isEmpty() && !allowed.contains(text)) {
          problems.add(path + ": '" + text + "' is not one of " + allowed);
        }
        String pattern = Resource.string(schema, "pattern");
        if (pattern != null && !Pattern.compile(pattern).matcher(text).find()) {
          problems.add(path + ": '" + text + "' does not match " + pattern);
        }
      }
      case "integer" -> {
        if (!(value instanceof Integer || value instanceof Long)) {
          problems.add(path + ": must be an integer, is " + describe(value));
          return;
        }
        Object minimum = schema.get("minimum");
        if (minimum instanceof Number min && ((Number) value).longValue() < min.longValue()) {
          problems.add(path + ": " + value + " is below the minimum " + min);
        }
      }
      case "number" -> {
        if (!(value instanceof Number)) {
          problems.add(path + ": must be a number, is " + describe(value));
        }
      }
      case "boolean" -> {
        if (!(value instanceof Boolean)) {
          problems.add(path + ": must be a boolean, is " + describe(value));
        }
      }
      default -> problems.add(path + ": schema without a type");
    }
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }
}
