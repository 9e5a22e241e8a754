package dev.listings.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.k8s.render.Resource;
import io.kubernetes.client.custom.Quantity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Operational rules every workload follows: sizing, health probes, shutdown, spreading, security, images. */
class WorkloadsTest {
  static final List<String> OVERLAYS = Overlay.NAMES;

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyContainerHasRequestsAndLimits(String name) {
    for (Resource workload : Overlay.render(name).workloads()) {
      for (Map<String, Object> container : Resource.maps(Overlay.podSpec(workload), "containers")) {
        for (String resource : List.of("cpu", "memory")) {
          String request = Resource.string(container, "resources", "requests", resource);
          String limit = Resource.string(container, "resources", "limits", resource);
          assertThat(request).as(workload + " " + resource + " request").isNotNull();
          assertThat(limit).as(workload + " " + resource + " limit").isNotNull();
          assertThat(new Quantity(limit).getNumber()).as(workload + " " + resource)
              .isGreaterThanOrEqualTo(new Quantity(request).getNumber());
        }
        // A JVM's heap is sized from the limit: a request below it invites eviction under node pressure.
        assertThat(Resource.string(container, "resources", "limits", "memory")).as(workload.toString())
            .isEqualTo(Resource.string(container, "resources", "requests", "memory"));
      }
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void quarkusAppsProbeTheirHealthEndpointsAndCloseGracefully(String name) {
    Overlay overlay = Overlay.render(name);
    for (QuarkusApp app : QuarkusApp.ALL) {
      Resource workload = overlay.get(app.workloadKind(), app.workload());
      Map<String, Object> container = Overlay.container(workload, app.container());

      assertThat(Resource.string(container, "livenessProbe", "httpGet", "path")).isEqualTo("/q/health/live");
      assertThat(Resource.string(container, "readinessProbe", "httpGet", "path")).isEqualTo("/q/health/ready");
      assertThat(Resource.string(container, "startupProbe", "httpGet", "path")).isEqualTo("/q/health/live");
      String port = app.property("prod", "quarkus.http.port");
      int httpPort = port == null ? 8080 : Integer.parseInt(port.replaceAll("\\$\\{[A-Z_]+:(\\d+)}", "$1"));
      assertThat(Resource.maps(container, "ports")).anySatisfy(p -> assertThat(p.get("containerPort"))
          .isEqualTo(httpPort));

      Duration shutdown = Duration.ofSeconds(Long.parseLong(
          String.valueOf(app.property("prod", "quarkus.shutdown.timeout") == null ? "30s"
              : app.property("prod", "quarkus.shutdown.timeout")).replace("s", "")));
      Object sleep = Resource.get(container, "lifecycle", "preStop", "sleep", "seconds");
      long needed = shutdown.toSeconds() + (sleep == null ? 0 : ((Number) sleep).longValue()) + 10;
      assertThat(((Number) Resource.get(Overlay.podSpec(workload), "terminationGracePeriodSeconds")).longValue())
          .as(app.workload() + " grace period").isGreaterThanOrEqualTo(needed);
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void podsSpreadAcrossZonesAndRunRestricted(String name) {
    for (Resource workload : Overlay.render(name).workloads()) {
      Map<String, Object> pod = Overlay.podSpec(workload);
      if (!workload.kind().equals("Job")) {
        assertThat(Resource.maps(pod, "topologySpreadConstraints")).as(workload.toString())
            .anySatisfy(c -> assertThat(c.get("topologyKey")).isEqualTo("topology.kubernetes.io/zone"));
      }
      assertThat(Resource.get(pod, "securityContext", "runAsNonRoot")).as(workload.toString()).isEqualTo(true);
      assertThat(Resource.string(pod, "securityContext", "seccompProfile", "type")).isEqualTo("RuntimeDefault");
      for (Map<String, Object> container : Resource.maps(pod, "containers")) {
        assertThat(Resource.get(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(Resource.get(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(Resource.list(container, "securityContext", "capabilities", "drop")).containsExactly("ALL");
      }
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void singleWritersRunAsOneReplicaWithoutOverlap(String name) {
    Overlay overlay = Overlay.render(name);
    for (String singleton : List.of("listings-alerting", "listings-table-sink")) {
      Resource deployment = overlay.get("Deployment", singleton);
      assertThat(Resource.get(deployment.body(), "spec", "replicas")).as(singleton).isEqualTo(1);
      assertThat(Resource.string(deployment.body(), "spec", "strategy", "type")).as(singleton).isEqualTo("Recreate");
    }
  }

  @Test
  void productionImagesComeFromARegistryWithAReleaseTag() {
    Overlay prod = Overlay.render("prod");
    List<String> images = prod.workloads().stream()
        .flatMap(w -> Resource.maps(Overlay.podSpec(w), "containers").stream())
        .map(c -> String.valueOf(c.get("image"))).toList();

    assertThat(images).isNotEmpty().allSatisfy(image -> {
      assertThat(image).matches("^[a-z0-9.-]+\\.[a-z]+/.+:[^:/]+$");
      assertThat(image).doesNotContain("SNAPSHOT").doesNotEndWith(":latest");
    });
    assertThat(Resource.string(prod.get("KafkaConnect", "listings-connect").body(), "spec", "image"))
        .isIn(images);
  }
}
