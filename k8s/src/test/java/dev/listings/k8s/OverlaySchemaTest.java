package dev.listings.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.k8s.render.Resource;
import dev.listings.k8s.render.Yaml;
import dev.listings.k8s.validate.KubernetesSchemas;
import dev.listings.k8s.validate.References;
import dev.listings.k8s.validate.StructuralSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

/** Every overlay renders, and every object in it is valid for the API that will receive it. */
class OverlaySchemaTest {
  static final List<String> OVERLAYS = Overlay.NAMES;

  static List<String> validate(Resource resource) {
    return resource.builtIn() ? KubernetesSchemas.validate(resource) : StructuralSchemas.validate(resource);
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void rendersThePipeline(String name) {
    Overlay overlay = Overlay.render(name);

    assertThat(overlay.resources()).extracting(r -> r.kind() + "/" + r.name()).contains(
        "StatefulSet/listings-cleaner", "StatefulSet/listings-usecases", "Deployment/listings-alerting",
        "Deployment/listings-table-sink", "Deployment/kafka-ui", "KafkaConnect/listings-connect",
        "KafkaConnector/s3-landing", "Job/listings-topics", "ScaledObject/listings-cleaner",
        "ScaledObject/listings-usecases", "ServiceMonitor/listings-apps", "PrometheusRule/listings-pipeline",
        "Namespace/" + (name.equals("prod") ? "listings" : "listings-dev"));
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyObjectMatchesItsApiSchema(String name) {
    List<String> problems = new ArrayList<>();
    Overlay.render(name).resources().forEach(r -> problems.addAll(validate(r)));

    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyReferenceResolves(String name) {
    assertThat(References.check(Overlay.render(name))).isEmpty();
  }

  private static Resource changed(Overlay overlay, String kind, String name, Consumer<Map<String,
      Object>> change) {
    Map<String, Object> body = Yaml.copy(overlay.get(kind, name).body());
    change.accept(body);
    return new Resource(body, "test");
  }

  @Test
  void rejectsBrokenBuiltInObjects() {
    Overlay overlay = Overlay.render("prod");

    Resource misspelled = changed(overlay, "Deployment", "listings-alerting",
        b -> Resource.map(b, "spec").put("replica", 2));
    Resource nameless = changed(overlay, "Deployment", "listings-alerting",
        b -> Resource.maps(b, "spec", "template", "spec", "containers").get(0).remove("name"));
    Resource badQuantity = changed(overlay, "StatefulSet", "listings-cleaner",
        b -> Resource.map(Resource.maps(b, "spec", "template", "spec", "containers").get(0), "resources", "limits")
            .put("memory", "1 gigabyte"));
    Resource badInteger = changed(overlay, "StatefulSet", "listings-cleaner",
        b -> Resource.map(b, "spec", "template", "spec").put("terminationGracePeriodSeconds", "a minute"));
    Resource badMetadata = changed(overlay, "ServiceAccount", "listings-cleaner",
        b -> Resource.map(b, "metadata").put("annotation", Map.of("a", "b")));

    assertThat(validate(misspelled)).singleElement().asString().contains("replica");
    assertThat(validate(nameless)).singleElement().asString().contains("name");
    assertThat(validate(badQuantity)).isNotEmpty();
    assertThat(validate(badInteger)).isNotEmpty();
    assertThat(validate(badMetadata)).singleElement().asString().contains("annotation");
  }

  @Test
  void rejectsBrokenCustomResources() {
    Overlay overlay = Overlay.render("prod");

    Resource stringCount = changed(overlay, "ScaledObject", "listings-cleaner",
        b -> Resource.map(b, "spec").put("maxReplicaCount", "12"));
    Resource unknownTriggerField = changed(overlay, "ScaledObject", "listings-cleaner",
        b -> Resource.maps(b, "spec", "triggers").get(0).put("authRef", Map.of("name", "x")));
    Resource noGroup = changed(overlay, "KafkaConnect", "listings-connect",
        b -> Resource.map(b, "spec").remove("groupId"));
    Resource badAuthType = changed(overlay, "KafkaConnect", "listings-connect",
        b -> Resource.map(b, "spec", "authentication").put("type", "iam"));
    Resource badInterval = changed(overlay, "ServiceMonitor", "listings-apps",
        b -> Resource.maps(b, "spec", "endpoints").get(0).put("interval", "30 seconds"));
    Resource unknownKind = new Resource(Map.of("apiVersion", "example.com/v1", "kind", "Widget",
        "metadata", Map.of("name", "w")), "test");

    assertThat(validate(stringCount)).singleElement().asString().contains("maxReplicaCount", "integer");
    assertThat(validate(unknownTriggerField)).singleElement().asString().contains("authRef", "unknown field");
    assertThat(validate(noGroup)).singleElement().asString().contains("groupId");
    assertThat(validate(badAuthType)).singleElement().asString().contains("iam");
    assertThat(validate(badInterval)).singleElement().asString().contains("interval");
    assertThat(validate(unknownKind)).singleElement().asString().contains("no schema");
  }

  @Test
  void reportsBrokenReferences() {
    Overlay overlay = Overlay.render("prod");
    List<Resource> resources = new ArrayList<>(overlay.resources());
    resources.replaceAll(r -> r.kind().equals("Service") && r.name().equals("listings-alerting")
        ? changed(overlay, "Service", "listings-alerting",
            b -> Resource.map(b, "spec").put("selector", Map.of("app.kubernetes.io/name", "alerting")))
        : r);
    resources.replaceAll(r -> r.kind().equals("ScaledObject") && r.name().equals("listings-cleaner")
        ? changed(overlay, "ScaledObject", "listings-cleaner", b -> Resource.map(b, "spec").put("maxReplicaCount", 24))
        : r);

    List<String> problems = References.check(new Overlay("prod", resources));

    assertThat(problems).anySatisfy(p -> assertThat(p).contains("Service listings-alerting", "selects no workload"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("maxReplicaCount 24", "12 partitions"));
  }
}
