package dev.listings.k8s;

import dev.listings.k8s.config.ConfigKeys;
import dev.listings.usecases.topology.ResultsTopic;
import dev.listings.usecases.topology.UseCaseOptions;
import dev.listings.usecases.topology.UseCaseTopics;
import dev.listings.usecases.topology.UseCaseTopology;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The use cases the use-case app runs in an overlay, with their output topics and the description of their results:
 * {@code usecases.enabled} and {@code usecases.topics.*} from its application.properties (profile prod), overridden by
 * the StatefulSet's variables.
 */
final class DeployedUseCases {
  private static final String ENABLED = "usecases.enabled";
  private static final String CURATED = "usecases.topics.curated";
  private static final String OUTPUT = "usecases.topics.output.";

  private DeployedUseCases() {}

  static List<ResultsTopic> results(Overlay overlay) {
    QuarkusApp app = QuarkusApp.ALL.get(1);
    Map<String, String> env = overlay.env(overlay.get(app.workloadKind(), app.workload()), app.container());
    List<String> enabled = Arrays.stream(setting(app, env, ENABLED).split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).toList();
    Map<String, String> outputs = new HashMap<>();
    for (String useCase : enabled) {
      String topic = setting(app, env, OUTPUT + useCase);
      if (topic != null) {
        outputs.put(useCase, topic);
      }
    }
    UseCaseTopics topics = new UseCaseTopics(setting(app, env, CURATED), outputs);
    // The serdes are never created: the registry is a placeholder.
    return new UseCaseTopology(topics, enabled, Map.of("schema.registry.url", "mock://k8s"),
        UseCaseOptions.defaults()).results();
  }

  private static String setting(QuarkusApp app, Map<String, String> env, String key) {
    String fromEnv = env.get(ConfigKeys.envName(key));
    return fromEnv != null ? fromEnv : app.property("prod", key);
  }
}
