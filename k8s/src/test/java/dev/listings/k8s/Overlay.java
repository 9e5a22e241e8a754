package dev.listings.k8s;

import dev.listings.k8s.render.Kustomize;
import dev.listings.k8s.render.Resource;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;

/** A rendered overlay with the lookups the tests share. */
public record Overlay(String name, List<Resource> resources) {
  /** The k8s module (Maven runs the tests in it). */
  public static final Path MODULE = Path.of("").toAbsolutePath();
  public static final Path REPOSITORY = MODULE.getParent();
  public static final List<String> NAMES = List.of("dev", "prod");

  private static final Map<String, Overlay> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

  /** The rendered overlay, rendered once per test run: tests read it and change only copies. */
  public static Overlay render(String name) {
    return RENDERED.computeIfAbsent(name,
        n -> new Overlay(n, List.copyOf(Kustomize.render(MODULE.resolve("overlays").resolve(n)))));
  }

  public Resource get(String kind, String name) {
    return resources.stream().filter(r -> r.kind().equals(kind) && r.name().equals(name)).findFirst()
        .orElseThrow(() -> new NoSuchElementException(kind + " " + name + " not in overlay " + this.name));
  }

  public List<Resource> all(String... kinds) {
    List<String> wanted = List.of(kinds);
    return resources.stream().filter(r -> wanted.contains(r.kind())).toList();
  }

  /** Deployments, StatefulSets and Jobs: the objects with a pod template. */
  public List<Resource> workloads() {
    return all("Deployment", "StatefulSet", "Job");
  }

  public static Map<String, Object> podSpec(Resource workload) {
    return Resource.map(workload.body(), "spec", "template", "spec");
  }

  public static Map<String, Object> container(Resource workload, String name) {
    return Resource.maps(podSpec(workload), "containers").stream()
        .filter(c -> name.equals(c.get("name"))).findFirst()
        .orElseThrow(() -> new NoSuchElementException("container " + name + " in " + workload));
  }

  /**
   * A container's environment as the pod sees it: literal values, and values from ConfigMaps of the overlay; a field
   * reference reads {@code <fieldRef:path>}, a secret {@code <secret:name/key>}.
   */
  public Map<String, String> env(Resource workload, String containerName) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Map<String, Object> variable : Resource.maps(container(workload, containerName), "env")) {
      env.put(String.valueOf(variable.get("name")), valueOf(variable));
    }
    return env;
  }

  private String valueOf(Map<String, Object> variable) {
    if (variable.containsKey("value")) {
      return String.valueOf(variable.get("value"));
    }
    Map<String, Object> from = Resource.map(variable, "valueFrom");
    if (Resource.map(from, "configMapKeyRef") != null) {
      Map<String, Object> ref = Resource.map(from, "configMapKeyRef");
      Resource configMap = get("ConfigMap", Resource.string(ref, "name"));
      return Resource.string(configMap.body(), "data", Resource.string(ref, "key"));
    }
    if (Resource.map(from, "fieldRef") != null) {
      return "<fieldRef:" + Resource.string(from, "fieldRef", "fieldPath") + ">";
    }
    if (Resource.map(from, "secretKeyRef") != null) {
      return "<secret:" + Resource.string(from, "secretKeyRef", "name") + "/"
          + Resource.string(from, "secretKeyRef", "key") + ">";
    }
    return null;
  }

  /** The topics declared in the listings-topics ConfigMap: name → settings (partitions, replication.factor, ...). */
  public Map<String, Properties> topics() {
    Map<String, Properties> topics = new LinkedHashMap<>();
    Map<String, Object> data = Resource.map(get("ConfigMap", "listings-topics").body(), "data");
    data.forEach((topic, spec) -> {
      Properties settings = new Properties();
      try {
        settings.load(new StringReader(String.valueOf(spec)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      topics.put(topic, settings);
    });
    return topics;
  }

  public int partitions(String topic) {
    Properties settings = topics().get(topic);
    if (settings == null) {
      throw new NoSuchElementException("Topic " + topic + " is not declared in overlay " + name);
    }
    return Integer.parseInt(settings.getProperty("partitions"));
  }
}
