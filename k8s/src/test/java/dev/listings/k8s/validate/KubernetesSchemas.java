package dev.listings.k8s.validate;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import dev.listings.k8s.render.Resource;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validates built-in objects against the Kubernetes API's OpenAPI schema, through the official Java client's models
 * (generated from that schema): every field must be known to the API, required fields present, and every value must
 * read as its declared type (integers, quantities such as {@code 500m} or {@code 1Gi}, int-or-string ports). The
 * client's version fixes the Kubernetes API version checked against.
 */
public final class KubernetesSchemas {
  /** API groups served by Kubernetes whose models the client has. */
  private static final Set<String> GROUPS = Set.of("", "apps", "batch", "policy", "autoscaling",
      "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io", "scheduling.k8s.io");

  private KubernetesSchemas() {}

  /** The problems found, empty when the object is valid. */
  public static List<String> validate(Resource resource) {
    List<String> problems = new ArrayList<>();
    if (!GROUPS.contains(resource.group())) {
      problems.add(resource + ": no Kubernetes API schema for " + resource.apiVersion() + " " + resource.kind());
      return problems;
    }
    String version = resource.apiVersion().substring(resource.apiVersion().indexOf('/') + 1);
    String className = "io.kubernetes.client.openapi.models." + version.substring(0, 1).toUpperCase(Locale.ROOT)
        + version.substring(1) + resource.kind();
    Class<?> model;
    try {
      model = Class.forName(className);
    } catch (ClassNotFoundException e) {
      problems.add(resource + ": unknown kind " + resource.apiVersion() + " " + resource.kind());
      return problems;
    }
    problems.addAll(validate(model, resource.body(), resource.toString()));
    return problems;
  }

  /** Object metadata only: for custom resources, whose metadata is the API's ObjectMeta too. */
  public static List<String> validateMetadata(Resource resource) {
    return validate(V1ObjectMeta.class, resource.metadata(), resource + " metadata");
  }

  private static List<String> validate(Class<?> model, Object body, String what) {
    Gson gson = JSON.getGson();
    JsonElement json = gson.toJsonTree(body);
    try {
      Method validate = model.getMethod("validateJsonElement", JsonElement.class);
      validate.invoke(null, json);
      // The typed read catches what the structural check does not: numbers, quantities, int-or-string.
      gson.fromJson(json, model);
      return List.of();
    } catch (InvocationTargetException e) {
      return List.of(what + ": " + e.getCause().getMessage());
    } catch (RuntimeException e) {
      return List.of(what + ": " + e.getMessage());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Model " + model + " has no schema validation", e);
    }
  }
}
