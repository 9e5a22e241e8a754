package dev.listings.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.listings.cleaner.app.CleanerConfig;
import dev.listings.k8s.config.ConfigKeys;
import dev.listings.k8s.render.Resource;
import dev.listings.sink.TableSinkConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every environment variable the manifests give an app is one the app reads, with a value of the right type. An app
 * ignores a variable that names no configuration key of its own, so a typo would otherwise go unnoticed until
 * production behaves differently.
 */
class AppEnvironmentTest {
  static final List<String> OVERLAYS = Overlay.NAMES;
  private static final Pattern SINK_KEYS =
      Pattern.compile("^(bootstrap\\.servers|group\\.id|batch\\.max\\.records|batch\\.max\\.wait\\.ms|tables"
          + "|(catalog|serde|consumer|table)\\..+)$");

  static List<String> unreadVariables(ConfigKeys keys, Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    env.forEach((name, value) -> {
      if (QuarkusApp.PLATFORM_VARIABLES.contains(name)) {
        return;
      }
      if (!keys.reads(name)) {
        problems.add(name + " sets no configuration key of the app");
        return;
      }
      // Secrets and field references are only known in the cluster.
      boolean known = value != null && !value.startsWith("<secret:") && !value.startsWith("<fieldRef:");
      String problem = known ? keys.checkValue(name, value) : null;
      if (problem != null) {
        problems.add(problem);
      }
    });
    return problems;
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void quarkusAppsReadEveryVariableTheyAreGiven(String name) {
    Overlay overlay = Overlay.render(name);
    List<String> problems = new ArrayList<>();
    for (QuarkusApp app : QuarkusApp.ALL) {
      Map<String, String> env = overlay.env(overlay.get(app.workloadKind(), app.workload()), app.container());
      unreadVariables(app.configKeys(), env).forEach(p -> problems.add(app.workload() + ": " + p));
    }

    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void quarkusAppsUseProfilesTheyDefine(String name) {
    Overlay overlay = Overlay.render(name);
    for (QuarkusApp app : QuarkusApp.ALL) {
      String profiles = overlay.env(overlay.get(app.workloadKind(), app.workload()), app.container())
          .get("QUARKUS_PROFILE");
      assertThat(profiles).as(app.workload()).startsWith("prod");
      for (String profile : profiles.split(",")) {
        if (!profile.equals("prod")) {
          assertThat(app.configKeys().properties()).as(app.workload() + " profile " + profile).isNotEmpty();
          assertThat(app.property(profile, app.kafkaPrefix() + ".security.protocol"))
              .as(app.workload() + " defines profile " + profile).isNotNull();
        }
      }
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void autoscaledGroupsAreTheStreamsApplicationIds(String name) {
    Overlay overlay = Overlay.render(name);
    for (QuarkusApp app : QuarkusApp.ALL.subList(0, 2)) {
      String applicationId = app.property("prod", "quarkus.kafka-streams.application-id")
          .replaceAll("\\$\\{[A-Z_]+:([^}]*)}", "$1");
      Resource scaled = overlay.get("ScaledObject", app.workload());

      assertThat(Resource.maps(scaled.body(), "spec", "triggers"))
          .allSatisfy(t -> assertThat(Resource.string(t, "metadata", "consumerGroup")).isEqualTo(applicationId));
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void tableSinkGetsAValidConfiguration(String name) {
    Overlay overlay = Overlay.render(name);
    Map<String, String> env = overlay.env(overlay.get("Deployment", TableSinkDeployment.WORKLOAD),
        TableSinkDeployment.CONTAINER);
    env.keySet().stream().filter(v -> !v.startsWith("SINK_")).forEach(variable ->
        assertThat(variable).as("variables outside SINK_* reach only the AWS SDK or the JVM")
            .isIn("AWS_REGION", "JAVA_TOOL_OPTIONS"));
    Map<String, String> settings = TableSinkDeployment.settings(overlay);
    settings.keySet().forEach(key -> assertThat(key).as("sink setting").matches(SINK_KEYS));

    assertThatCode(() -> TableSinkConfig.fromProperties(settings)).doesNotThrowAnyException();
    assertThat(settings).containsEntry("catalog.catalog-impl", "org.apache.iceberg.aws.glue.GlueCatalog")
        .containsEntry("catalog.io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
        .containsKey("catalog.warehouse")
        .containsKey("tables");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void kafkaUiAndTopicsJobGetOnlyTheirOwnSettings(String name) {
    Overlay overlay = Overlay.render(name);
    Map<String, String> ui = overlay.env(overlay.get("Deployment", "kafka-ui"), "kafka-ui");
    Map<String, String> job = overlay.env(overlay.get("Job", "listings-topics"), "apply-topics");
    String script = Resource.string(overlay.get("ConfigMap", "listings-topics-script").body(), "data",
        "apply-topics.sh");

    assertThat(ui.keySet()).allMatch(v -> v.matches("KAFKA_CLUSTERS_0_[A-Z0-9_]+|JAVA_OPTS|DYNAMIC_CONFIG_ENABLED"
        + "|AWS_REGION"), "kafbat settings");
    assertThat(ui).containsKeys("KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS", "KAFKA_CLUSTERS_0_SCHEMAREGISTRY");
    assertThat(job.keySet()).containsExactlyInAnyOrder("AWS_REGION", "KAFKA_BOOTSTRAP_SERVERS", "LOG_DIR");
    assertThat(script).contains("${KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void flagsVariablesTheAppWouldIgnoreOrCouldNotConvert() {
    ConfigKeys cleaner = ConfigKeys.of(QuarkusApp.ALL.get(0).applicationProperties(), CleanerConfig.class);

    assertThat(unreadVariables(cleaner, Map.of(
        "CLEANER_RULES_MAX_LIVING_AREA", "800",
        "CLEANER_RULES_PROPERTY_TYPE_SYNONYMS_WOHNUNG", "apartment",
        "CLEANER_DEDUPE_RETENTION", "P14D",
        "KAFKA_STREAMS_STATE_DIR", "/data",
        "QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS", "b:9092"))).isEmpty();
    assertThat(unreadVariables(cleaner, Map.of("CLEANER_RULES_MAX_AREA", "800")))
        .singleElement().asString().contains("CLEANER_RULES_MAX_AREA", "no configuration key");
    // Not in application.properties: Quarkus would not pass it to Kafka Streams.
    assertThat(unreadVariables(cleaner, Map.of("KAFKA_STREAMS_NUM_STANDBY_REPLICAS", "1"))).hasSize(1);
    assertThat(unreadVariables(cleaner, Map.of("CLEANER_DEDUPE_RETENTION", "thirty days")))
        .singleElement().asString().contains("Duration");
    assertThat(unreadVariables(cleaner, Map.of("CLEANER_REJECTS_RAW_MAX_CHARS", "16k")))
        .singleElement().asString().contains("int");
  }
}
