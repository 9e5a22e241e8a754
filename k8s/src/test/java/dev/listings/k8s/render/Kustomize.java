package dev.listings.k8s.render;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for the features the manifests use and no others:
 * {@code resources} (files, and folders holding a kustomization.yaml), {@code namespace}, {@code labels} (pairs,
 * optionally into pod templates; never into selectors), {@code images} (newName, newTag, digest) and {@code patches}
 * given by {@code path} (a strategic merge patch, one object per file, matched by kind and name). Anything else in a
 * kustomization, or a patch that matches no object, is an error, so the manifests cannot silently depend on a feature
 * this renderer would ignore. Transformers run in kustomize's order: patches, namespace, labels, images.
 */
public final class Kustomize {
  private static final Set<String> FIELDS =
      Set.of("apiVersion", "kind", "namespace", "labels", "resources", "images", "patches");
  private static final Set<String> LABEL_FIELDS = Set.of("pairs", "includeTemplates", "includeSelectors");
  private static final Set<String> IMAGE_FIELDS = Set.of("name", "newName", "newTag", "digest");
  /** Kinds whose spec.template is a pod template (kustomize's label field specs); not custom resources. */
  private static final Set<String> POD_TEMPLATE_KINDS =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "ReplicationController");
  private static final Set<String> CLUSTER_SCOPED =
      Set.of("Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume",
          "StorageClass", "PriorityClass", "ClusterTriggerAuthentication");

  private Kustomize() {}

  /** The objects of the kustomization in {@code dir}. */
  public static List<Resource> render(Path dir) {
    Path file = dir.resolve("kustomization.yaml");
    if (!Files.isRegularFile(file)) {
      throw new KustomizeException("No kustomization.yaml in " + dir);
    }
    Map<String, Object> kustomization = Yaml.single(file);
    for (String field : kustomization.keySet()) {
      if (!FIELDS.contains(field)) {
        throw new KustomizeException(file + ": field '" + field + "' is not supported (supported: " + FIELDS + ")");
      }
    }
    if (!"Kustomization".equals(kustomization.get("kind"))) {
      throw new KustomizeException(file + ": kind must be Kustomization");
    }
    List<Resource> resources = new ArrayList<>();
    for (Object entry : Resource.list(kustomization, "resources")) {
      String ref = String.valueOf(entry);
      if (ref.contains("://")) {
        throw new KustomizeException(file + ": remote resources are not supported: " + ref);
      }
      Path path = dir.resolve(ref).normalize();
      if (Files.isDirectory(path)) {
        resources.addAll(render(path));
      } else if (Files.isRegularFile(path)) {
        for (Map<String, Object> body : Yaml.documents(path)) {
          resources.add(new Resource(body, dir.relativize(path).toString()));
        }
      } else {
        throw new KustomizeException(file + ": resource not found: " + ref);
      }
    }
    for (Map<String, Object> patch : Resource.maps(kustomization, "patches")) {
      applyPatch(dir, file, patch, resources);
    }
    String namespace = Resource.string(kustomization, "namespace");
    if (namespace != null) {
      resources.stream().filter(r -> !CLUSTER_SCOPED.contains(r.kind()))
          .forEach(r -> Resource.ensureMap(r.body(), "metadata").put("namespace", namespace));
    }
    for (Map<String, Object> labels : Resource.maps(kustomization, "labels")) {
      applyLabels(file, labels, resources);
    }
    for (Map<String, Object> image : Resource.maps(kustomization, "images")) {
      applyImage(file, image, resources);
    }
    checkUnique(resources);
    return resources;
  }

  private static void applyPatch(Path dir, Path file, Map<String, Object> entry, List<Resource> resources) {
    if (!entry.keySet().equals(Set.of("path"))) {
      throw new KustomizeException(file + ": a patch must be given by 'path' only: " + entry);
    }
    Path path = dir.resolve(String.valueOf(entry.get("path"))).normalize();
    Map<String, Object> patch = Yaml.single(path);
    Resource target = new Resource(patch, path.toString());
    List<Resource> matches = resources.stream()
        .filter(r -> r.kind().equals(target.kind()) && r.name().equals(target.name())
            && r.group().equals(target.group()))
        .toList();
    if (matches.size() != 1) {
      throw new KustomizeException(path + ": patch must match exactly one object, matches " + matches.size()
          + " (" + target.kind() + " " + target.name() + ")");
    }
    Map<String, Object> body = Yaml.copy(patch);
    body.remove("apiVersion");
    body.remove("kind");
    Map<String, Object> metadata = Resource.map(body, "metadata");
    if (metadata != null) {
      metadata.remove("name");
      metadata.remove("namespace");
    }
    StrategicMerge.apply(matches.get(0).body(), body, matches.get(0).builtIn());
  }

  private static void applyLabels(Path file, Map<String, Object> labels, List<Resource> resources) {
    for (String field : labels.keySet()) {
      if (!LABEL_FIELDS.contains(field)) {
        throw new KustomizeException(file + ": labels field '" + field + "' is not supported");
      }
    }
    if (Boolean.TRUE.equals(labels.get("includeSelectors"))) {
      throw new KustomizeException(file + ": labels with includeSelectors are not supported (selectors are "
          + "immutable on a StatefulSet; set them in the manifests)");
    }
    Map<String, Object> pairs = Resource.map(labels, "pairs");
    boolean templates = Boolean.TRUE.equals(labels.get("includeTemplates"));
    for (Resource resource : resources) {
      Resource.ensureMap(resource.body(), "metadata", "labels").putAll(pairs);
      if (templates && POD_TEMPLATE_KINDS.contains(resource.kind()) && resource.builtIn()) {
        Resource.ensureMap(resource.body(), "spec", "template", "metadata", "labels").putAll(pairs);
      }
    }
  }

  private static void applyImage(Path file, Map<String, Object> image, List<Resource> resources) {
    for (String field : image.keySet()) {
      if (!IMAGE_FIELDS.contains(field)) {
        throw new KustomizeException(file + ": images field '" + field + "' is not supported");
      }
    }
    String name = Resource.string(image, "name");
    for (Resource resource : resources) {
      replaceImages(resource.body(), image, name);
    }
  }

  /** Every container image anywhere in the object (pod specs, pod templates), as kustomize's image transformer. */
  @SuppressWarnings("unchecked")
  private static void replaceImages(Object node, Map<String, Object> image, String name) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (("containers".equals(entry.getKey()) || "initContainers".equals(entry.getKey()))
            && entry.getValue() instanceof List<?> containers) {
          for (Object container : containers) {
            if (container instanceof Map<?, ?> c && c.get("image") instanceof String current) {
              String replaced = replaceImage(current, image, name);
              ((Map<String, Object>) c).put("image", replaced);
            }
          }
        } else {
          replaceImages(entry.getValue(), image, name);
        }
      }
    } else if (node instanceof List<?> list) {
      list.forEach(element -> replaceImages(element, image, name));
    }
  }

  static String replaceImage(String current, Map<String, Object> image, String name) {
    String repository = current;
    String tag = null;
    String digest = null;
    int at = repository.indexOf('@');
    if (at >= 0) {
      digest = repository.substring(at + 1);
      repository = repository.substring(0, at);
    }
    int colon = repository.lastIndexOf(':');
    if (colon > repository.lastIndexOf('/')) {
      tag = repository.substring(colon + 1);
      repository = repository.substring(0, colon);
    }
    if (!repository.equals(name)) {
      return current;
    }
    String newName = image.containsKey("newName") ? String.valueOf(image.get("newName")) : repository;
    if (image.containsKey("digest")) {
      return newName + "@" + image.get("digest");
    }
    if (image.containsKey("newTag")) {
      return newName + ":" + image.get("newTag");
    }
    return newName + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }

  private static void checkUnique(List<Resource> resources) {
    Set<String> ids = new HashSet<>();
    Map<String, Resource> seen = new LinkedHashMap<>();
    for (Resource resource : resources) {
      if (resource.kind() == null || resource.name() == null) {
        throw new KustomizeException(resource.source() + ": object without kind or metadata.name");
      }
      if (!ids.add(resource.id())) {
        throw new KustomizeException("Duplicate object " + resource.id() + " in " + resource.source() + " and "
            + seen.get(resource.id()).source());
      }
      seen.put(resource.id(), resource);
    }
  }
}
