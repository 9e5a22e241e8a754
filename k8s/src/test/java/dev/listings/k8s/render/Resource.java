package dev.listings.k8s.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One Kubernetes object as a map, with the accessors the renderer and the checks need. */
public record Resource(Map<String, Object> body, String source) {

  public String apiVersion() {
    return string(body, "apiVersion");
  }

  public String kind() {
    return string(body, "kind");
  }

  /** The API group: empty for the core group ({@code v1}). */
  public String group() {
    String apiVersion = apiVersion();
    int slash = apiVersion == null ? -1 : apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /** Kinds served by Kubernetes itself (core and *.k8s.io groups), as opposed to custom resources. */
  public boolean builtIn() {
    String group = group();
    return group.isEmpty() || !group.contains(".") || group.endsWith(".k8s.io");
  }

  public String name() {
    return string(metadata(), "name");
  }

  public String namespace() {
    return string(metadata(), "namespace");
  }

  public Map<String, Object> metadata() {
    return map(body, "metadata");
  }

  /** group/kind/namespace/name: unique in a rendered overlay. */
  public String id() {
    return group() + "/" + kind() + "/" + namespace() + "/" + name();
  }

  @Override
  public String toString() {
    return kind() + " " + name() + " (" + source + ")";
  }

  // ---- plain-map helpers ------------------------------------------------------------------------------------------

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object parent, String... path) {
    Object value = get(parent, path);
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Object parent, String... path) {
    Object value = get(parent, path);
    return value instanceof List<?> l ? (List<Object>) l : List.of();
  }

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> maps(Object parent, String... path) {
    List<Map<String, Object>> result = new ArrayList<>();
    for (Object element : list(parent, path)) {
      if (element instanceof Map<?, ?> m) {
        result.add((Map<String, Object>) m);
      }
    }
    return result;
  }

  public static String string(Object parent, String... path) {
    Object value = get(parent, path);
    return value == null ? null : String.valueOf(value);
  }

  public static Object get(Object parent, String... path) {
    Object current = parent;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(key);
    }
    return current;
  }

  /** The map at {@code path}, created (as empty maps) where missing. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> ensureMap(Map<String, Object> parent, String... path) {
    Map<String, Object> current = parent;
    for (String key : path) {
      Object next = current.get(key);
      if (!(next instanceof Map<?, ?>)) {
        next = new LinkedHashMap<String, Object>();
        current.put(key, next);
      }
      current = (Map<String, Object>) next;
    }
    return current;
  }
}
