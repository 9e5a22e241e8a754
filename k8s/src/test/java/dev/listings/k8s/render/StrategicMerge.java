package dev.listings.k8s.render;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Strategic merge patches as kustomize applies them, for the subset the manifests use. Maps merge key by key and a
 * {@code null} value removes a key. On built-in Kubernetes kinds, lists whose API declares a merge key (containers and
 * env by name, volume mounts by mount path, ports by port number, ...) merge element by element, and an element with
 * {@code $patch: delete} removes its match; every other list, and every list of a custom resource (which has no
 * merge keys), is replaced as a whole, as in a JSON merge patch.
 */
public final class StrategicMerge {
  private static final String DIRECTIVE = "$patch";

  private StrategicMerge() {}

  /** Applies {@code patch} to {@code target} in place. */
  public static void apply(Map<String, Object> target, Map<String, Object> patch, boolean builtInKind) {
    mergeMap(target, patch, builtInKind);
  }

  @SuppressWarnings("unchecked")
  private static void mergeMap(Map<String, Object> target, Map<String, Object> patch, boolean builtIn) {
    if ("replace".equals(patch.get(DIRECTIVE))) {
      target.clear();
      patch.forEach((k, v) -> {
        if (!DIRECTIVE.equals(k)) {
          target.put(k, Yaml.copy(v));
        }
      });
      return;
    }
    for (Map.Entry<String, Object> entry : patch.entrySet()) {
      String key = entry.getKey();
      Object value = entry.getValue();
      Object current = target.get(key);
      if (value == null) {
        target.remove(key);
      } else if (value instanceof Map<?, ?> patchMap && current instanceof Map<?, ?> currentMap) {
        mergeMap((Map<String, Object>) currentMap, (Map<String, Object>) patchMap, builtIn);
      } else if (value instanceof List<?> patchList && current instanceof List<?> currentList && builtIn
          && mergeKey(key, patchList) != null) {
        target.put(key, mergeList((List<Object>) currentList, (List<Object>) patchList, mergeKey(key, patchList),
            builtIn));
      } else {
        target.put(key, Yaml.copy(value));
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object> mergeList(List<Object> target, List<Object> patch, String mergeKey, boolean builtIn) {
    List<Object> result = new ArrayList<>(target);
    for (Object element : patch) {
      if (!(element instanceof Map<?, ?> patchElement) || patchElement.get(mergeKey) == null) {
        throw new KustomizeException("List element without merge key " + mergeKey + ": " + element);
      }
      Object keyValue = patchElement.get(mergeKey);
      Map<String, Object> match = null;
      for (Iterator<Object> it = result.iterator(); it.hasNext(); ) {
        Object candidate = it.next();
        if (candidate instanceof Map<?, ?> map && Objects.equals(String.valueOf(map.get(mergeKey)),
            String.valueOf(keyValue))) {
          if ("delete".equals(patchElement.get(DIRECTIVE))) {
            it.remove();
          } else {
            match = (Map<String, Object>) map;
          }
          break;
        }
      }
      if ("delete".equals(patchElement.get(DIRECTIVE))) {
        continue;
      }
      if (match != null) {
        mergeMap(match, (Map<String, Object>) patchElement, builtIn);
      } else {
        result.add(Yaml.copy(element));
      }
    }
    return result;
  }

  /** The patch merge key the Kubernetes API declares for a list field, or null when the list is replaced. */
  static String mergeKey(String field, List<?> patchList) {
    switch (field) {
      case "containers", "initContainers", "env", "volumes", "imagePullSecrets" -> {
        return "name";
      }
      case "volumeMounts" -> {
        return "mountPath";
      }
      case "topologySpreadConstraints" -> {
        return "topologyKey";
      }
      case "ports" -> {
        boolean containerPorts = !patchList.isEmpty() && patchList.get(0) instanceof Map<?, ?> first
            && first.containsKey("containerPort");
        return containerPorts ? "containerPort" : "port";
      }
      default -> {
        return null;
      }
    }
  }
}
