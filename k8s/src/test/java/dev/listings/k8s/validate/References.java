package dev.listings.k8s.validate;

import dev.listings.k8s.Overlay;
import dev.listings.k8s.render.Resource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the API server accepts but a running system would trip over: references between objects (service accounts,
 * ConfigMaps and their keys, Services to pods, named ports, PodDisruptionBudgets, autoscaling targets, Connect
 * clusters) and selectors that select nothing.
 */
public final class References {
  private References() {}

  public static List<String> check(Overlay overlay) {
    List<String> problems = new ArrayList<>();
    List<Resource> resources = overlay.resources();
    Set<String> namespaces = new HashSet<>();
    overlay.all("Namespace").forEach(n -> namespaces.add(n.name()));
    for (Resource resource : resources) {
      if (!resource.kind().equals("Namespace") && !namespaces.contains(resource.namespace())) {
        problems.add(resource + ": namespace " + resource.namespace() + " is not part of the overlay");
      }
    }
    for (Resource workload : overlay.workloads()) {
      checkWorkload(overlay, workload, problems);
    }
    for (Resource service : overlay.all("Service")) {
      Map<String, Object> selector = Resource.map(service.body(), "spec", "selector");
      List<Resource> pods = selected(overlay, selector);
      if (pods.isEmpty()) {
        problems.add(service + ": selector " + selector + " selects no workload");
      }
      for (Map<String, Object> port : Resource.maps(service.body(), "spec", "ports")) {
        Object target = port.get("targetPort");
        if (target instanceof String named && pods.stream().noneMatch(p -> hasPort(p, named))) {
          problems.add(service + ": targetPort " + named + " is not a container port of the selected pods");
        }
      }
    }
    Set<String> disrupted = new HashSet<>();
    for (Resource pdb : overlay.all("PodDisruptionBudget")) {
      List<Resource> pods = selected(overlay, Resource.map(pdb.body(), "spec", "selector", "matchLabels"));
      if (pods.isEmpty()) {
        problems.add(pdb + ": selects no workload");
      }
      pods.forEach(p -> disrupted.add(p.id()));
    }
    for (Resource workload : overlay.all("Deployment", "StatefulSet")) {
      if (!disrupted.contains(workload.id())) {
        problems.add(workload + ": no PodDisruptionBudget");
      }
    }
    for (Resource scaled : overlay.all("ScaledObject")) {
      checkScaledObject(overlay, scaled, problems);
    }
    for (Resource monitor : overlay.all("ServiceMonitor")) {
      Map<String, Object> labels = Resource.map(monitor.body(), "spec", "selector", "matchLabels");
      List<Resource> services = overlay.all("Service").stream()
          .filter(s -> matches(labels, Resource.map(s.metadata(), "labels"))).toList();
      if (services.isEmpty()) {
        problems.add(monitor + ": selects no Service");
      }
      for (Map<String, Object> endpoint : Resource.maps(monitor.body(), "spec", "endpoints")) {
        String port = Resource.string(endpoint, "port");
        for (Resource service : services) {
          if (Resource.maps(service.body(), "spec", "ports").stream().noneMatch(p -> port.equals(p.get("name")))) {
            problems.add(monitor + ": " + service + " has no port named " + port);
          }
        }
      }
    }
    for (Resource connector : overlay.all("KafkaConnector")) {
      String cluster = Resource.string(connector.metadata(), "labels", "strimzi.io/cluster");
      if (overlay.all("KafkaConnect").stream().noneMatch(c -> c.name().equals(cluster))) {
        problems.add(connector + ": no KafkaConnect named " + cluster + " (label strimzi.io/cluster)");
      }
    }
    return problems;
  }

  private static void checkWorkload(Overlay overlay, Resource workload, List<String> problems) {
    Map<String, Object> pod = Overlay.podSpec(workload);
    Map<String, Object> templateLabels = Resource.map(workload.body(), "spec", "template", "metadata", "labels");
    Map<String, Object> selector = Resource.map(workload.body(), "spec", "selector", "matchLabels");
    if (!workload.kind().equals("Job") && (selector == null || !matches(selector, templateLabels))) {
      problems.add(workload + ": selector " + selector + " does not match the pod template's labels");
    }
    String account = Resource.string(pod, "serviceAccountName");
    if (account != null && overlay.all("ServiceAccount").stream().noneMatch(a -> a.name().equals(account))) {
      problems.add(workload + ": service account " + account + " is not in the overlay");
    }
    if (workload.kind().equals("StatefulSet")) {
      String serviceName = Resource.string(workload.body(), "spec", "serviceName");
      boolean headless = overlay.all("Service").stream().anyMatch(s -> s.name().equals(serviceName)
          && "None".equals(Resource.string(s.body(), "spec", "clusterIP")));
      if (!headless) {
        problems.add(workload + ": serviceName " + serviceName + " is not a headless Service of the overlay");
      }
    }
    Set<String> volumes = new HashSet<>();
    for (Map<String, Object> volume : Resource.maps(pod, "volumes")) {
      volumes.add(String.valueOf(volume.get("name")));
      String configMap = Resource.string(volume, "configMap", "name");
      if (configMap != null && overlay.all("ConfigMap").stream().noneMatch(c -> c.name().equals(configMap))) {
        problems.add(workload + ": volume " + volume.get("name") + " uses ConfigMap " + configMap
            + ", not in the overlay");
      }
    }
    Resource.maps(workload.body(), "spec", "volumeClaimTemplates")
        .forEach(t -> volumes.add(Resource.string(t, "metadata", "name")));
    for (Map<String, Object> container : Resource.maps(pod, "containers")) {
      String name = String.valueOf(container.get("name"));
      for (Map<String, Object> mount : Resource.maps(container, "volumeMounts")) {
        if (!volumes.contains(String.valueOf(mount.get("name")))) {
          problems.add(workload + "/" + name + ": volume mount " + mount.get("name") + " has no volume");
        }
      }
      for (Map<String, Object> variable : Resource.maps(container, "env")) {
        Map<String, Object> configMapRef = Resource.map(variable, "valueFrom", "configMapKeyRef");
        if (configMapRef != null) {
          String mapName = Resource.string(configMapRef, "name");
          String key = Resource.string(configMapRef, "key");
          Resource configMap = overlay.all("ConfigMap").stream().filter(c -> c.name().equals(mapName))
              .findFirst().orElse(null);
          if (configMap == null || Resource.get(configMap.body(), "data", key) == null) {
            problems.add(workload + "/" + name + ": " + variable.get("name") + " reads " + mapName + "/" + key
                + ", which the overlay does not define");
          }
        }
        Map<String, Object> secretRef = Resource.map(variable, "valueFrom", "secretKeyRef");
        if (secretRef != null && !Boolean.TRUE.equals(secretRef.get("optional"))) {
          problems.add(workload + "/" + name + ": secret " + secretRef.get("name") + " is created outside the "
              + "manifests, so the reference must be optional");
        }
      }
      for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
        Object port = Resource.get(container, probe, "httpGet", "port");
        if (port instanceof String named && !hasPort(container, named)) {
          problems.add(workload + "/" + name + ": " + probe + " uses port " + named + ", not a container port");
        }
      }
    }
  }

  private static void checkScaledObject(Overlay overlay, Resource scaled, List<String> problems) {
    Map<String, Object> target = Resource.map(scaled.body(), "spec", "scaleTargetRef");
    String kind = Objects.requireNonNullElse(Resource.string(target, "kind"), "Deployment");
    Resource workload = overlay.all(kind).stream().filter(w -> w.name().equals(Resource.string(target, "name")))
        .findFirst().orElse(null);
    if (workload == null) {
      problems.add(scaled + ": target " + kind + " " + Resource.string(target, "name") + " is not in the overlay");
      return;
    }
    Object replicas = Resource.get(workload.body(), "spec", "replicas");
    if (replicas != null) {
      problems.add(workload + ": sets spec.replicas although " + scaled + " owns the replica count");
    }
    Number max = (Number) Resource.get(scaled.body(), "spec", "maxReplicaCount");
    Number min = (Number) Resource.get(scaled.body(), "spec", "minReplicaCount");
    if (max == null || min != null && min.intValue() > max.intValue()) {
      problems.add(scaled + ": needs maxReplicaCount ≥ minReplicaCount");
    }
    for (Map<String, Object> trigger : Resource.maps(scaled.body(), "spec", "triggers")) {
      Map<String, Object> metadata = Resource.map(trigger, "metadata");
      String topic = Resource.string(metadata, "topic");
      if (topic != null && max != null && overlay.topics().containsKey(topic)
          && max.intValue() > overlay.partitions(topic)) {
        problems.add(scaled + ": maxReplicaCount " + max + " exceeds the " + overlay.partitions(topic)
            + " partitions of " + topic);
      } else if (topic != null && !overlay.topics().containsKey(topic)) {
        problems.add(scaled + ": topic " + topic + " is not declared in listings-topics");
      }
      String fromEnv = Resource.string(metadata, "bootstrapServersFromEnv");
      if (fromEnv != null) {
        boolean defined = Resource.maps(Overlay.podSpec(workload), "containers").stream()
            .flatMap(c -> Resource.maps(c, "env").stream()).anyMatch(e -> fromEnv.equals(e.get("name")));
        if (!defined) {
          problems.add(scaled + ": bootstrapServersFromEnv " + fromEnv + " is not an env var of " + workload);
        }
      }
      String auth = Resource.string(trigger, "authenticationRef", "name");
      if (auth != null && overlay.all("TriggerAuthentication").stream().noneMatch(a -> a.name().equals(auth))) {
        problems.add(scaled + ": TriggerAuthentication " + auth + " is not in the overlay");
      }
    }
  }

  static List<Resource> selected(Overlay overlay, Map<String, Object> selector) {
    if (selector == null || selector.isEmpty()) {
      return List.of();
    }
    return overlay.workloads().stream()
        .filter(w -> matches(selector, Resource.map(w.body(), "spec", "template", "metadata", "labels")))
        .toList();
  }

  static boolean matches(Map<String, Object> selector, Map<String, Object> labels) {
    if (selector == null || labels == null) {
      return false;
    }
    return selector.entrySet().stream()
        .allMatch(e -> Objects.equals(String.valueOf(e.getValue()), String.valueOf(labels.get(e.getKey()))));
  }

  private static boolean hasPort(Resource workload, String name) {
    return Resource.maps(Overlay.podSpec(workload), "containers").stream().anyMatch(c -> hasPort(c, name));
  }

  private static boolean hasPort(Map<String, Object> container, String name) {
    return Resource.maps(container, "ports").stream().anyMatch(p -> name.equals(p.get("name")));
  }
}
