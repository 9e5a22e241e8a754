package dev.listings.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.k8s.render.Kustomize;
import dev.listings.k8s.render.KustomizeException;
import dev.listings.k8s.render.Resource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer behaves as kustomize for the features it supports, and refuses the others. */
class KustomizeRendererTest {
  @TempDir Path dir;

  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: app
      spec:
        selector:
          matchLabels: {app: app}
        template:
          metadata:
            labels: {app: app}
          spec:
            containers:
              - name: main
                image: listings/app:1.0
                env:
                  - {name: A, value: "1"}
                  - {name: B, value: "2"}
              - name: sidecar
                image: busybox:1.36
      """;
  private static final String SCALED_OBJECT = """
      apiVersion: keda.sh/v1alpha1
      kind: ScaledObject
      metadata:
        name: app
      spec:
        scaleTargetRef: {name: app}
        triggers:
          - type: apache-kafka
            metadata: {topic: a}
          - type: cpu
            metadata: {value: "50"}
      """;

  private void write(String file, String text) throws IOException {
    Path path = dir.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }

  private void base() throws IOException {
    write("base/kustomization.yaml", """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        labels:
          - pairs: {part-of: pipeline}
            includeTemplates: true
        resources: [deployment.yaml, scaledobject.yaml]
        """);
    write("base/deployment.yaml", DEPLOYMENT);
    write("base/scaledobject.yaml", SCALED_OBJECT);
  }

  @Test
  void mergesBuiltInListsByKeyAndReplacesCustomResourceLists() throws IOException {
    base();
    write("overlay/kustomization.yaml", """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [../base]
        patches:
          - path: deployment.yaml
          - path: scaledobject.yaml
        """);
    write("overlay/deployment.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: app}
        spec:
          template:
            spec:
              containers:
                - name: main
                  env:
                    - {name: B, value: "20"}
                    - {name: C, value: "3"}
                    - {name: A, $patch: delete}
        """);
    write("overlay/scaledobject.yaml", """
        apiVersion: keda.sh/v1alpha1
        kind: ScaledObject
        metadata: {name: app}
        spec:
          maxReplicaCount: 3
          triggers:
            - type: apache-kafka
              metadata: {topic: b}
        """);

    List<Resource> resources = Kustomize.render(dir.resolve("overlay"));

    Resource deployment = resources.stream().filter(r -> r.kind().equals("Deployment")).findFirst().orElseThrow();
    List<Map<String, Object>> containers = Resource.maps(deployment.body(), "spec", "template", "spec", "containers");
    assertThat(containers).extracting(c -> c.get("name")).containsExactly("main", "sidecar");
    assertThat(Resource.maps(containers.get(0), "env"))
        .containsExactly(Map.of("name", "B", "value", "20"), Map.of("name", "C", "value", "3"));
    Resource scaled = resources.stream().filter(r -> r.kind().equals("ScaledObject")).findFirst().orElseThrow();
    assertThat(Resource.maps(scaled.body(), "spec", "triggers")).hasSize(1);
    assertThat(Resource.get(scaled.body(), "spec", "maxReplicaCount")).isEqualTo(3);
    assertThat(Resource.get(scaled.body(), "spec", "scaleTargetRef", "name")).isEqualTo("app");
  }

  @Test
  void setsNamespaceLabelsAndImages() throws IOException {
    base();
    write("overlay/kustomization.yaml", """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        namespace: team
        resources: [../base, namespace.yaml]
        images:
          - name: listings/app
            newName: registry.example/listings/app
            newTag: "2.0"
        """);
    write("overlay/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n");

    List<Resource> resources = Kustomize.render(dir.resolve("overlay"));

    Resource deployment = resources.stream().filter(r -> r.kind().equals("Deployment")).findFirst().orElseThrow();
    assertThat(deployment.namespace()).isEqualTo("team");
    assertThat(resources.stream().filter(r -> r.kind().equals("Namespace")).findFirst().orElseThrow().namespace())
        .isNull();
    assertThat(Resource.string(deployment.body(), "metadata", "labels", "part-of")).isEqualTo("pipeline");
    assertThat(Resource.string(deployment.body(), "spec", "template", "metadata", "labels", "part-of"))
        .isEqualTo("pipeline");
    assertThat(Resource.map(deployment.body(), "spec", "selector", "matchLabels")).isEqualTo(Map.of("app", "app"));
    assertThat(Resource.maps(deployment.body(), "spec", "template", "spec", "containers"))
        .extracting(c -> c.get("image"))
        .containsExactly("registry.example/listings/app:2.0", "busybox:1.36");
  }

  @Test
  void refusesFeaturesItDoesNotImplement() throws IOException {
    base();
    write("overlay/kustomization.yaml", """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [../base]
        namePrefix: dev-
        """);

    assertThatThrownBy(() -> Kustomize.render(dir.resolve("overlay")))
        .isInstanceOf(KustomizeException.class).hasMessageContaining("namePrefix");
  }

  @Test
  void refusesAPatchThatMatchesNothing() throws IOException {
    base();
    write("overlay/kustomization.yaml", """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [../base]
        patches:
          - path: patch.yaml
        """);
    write("overlay/patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ap\nspec: {}\n");

    assertThatThrownBy(() -> Kustomize.render(dir.resolve("overlay")))
        .isInstanceOf(KustomizeException.class).hasMessageContaining("matches 0");
  }

  @Test
  void refusesDuplicateObjects() throws IOException {
    base();
    write("overlay/kustomization.yaml", """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [../base, ../base/deployment.yaml]
        """);

    assertThatThrownBy(() -> Kustomize.render(dir.resolve("overlay")))
        .isInstanceOf(KustomizeException.class).hasMessageContaining("Duplicate");
  }
}
