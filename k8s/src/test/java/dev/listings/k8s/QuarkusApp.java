package dev.listings.k8s;

import dev.listings.alerting.app.AlertingConfig;
import dev.listings.cleaner.app.CleanerConfig;
import dev.listings.k8s.config.ConfigKeys;
import dev.listings.usecases.app.UseCaseConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The Quarkus apps as deployed: workload, container, configuration and the prefix of their Kafka client settings. */
public record QuarkusApp(String workloadKind, String workload, String container, String module,
    Class<?> mapping, String kafkaPrefix) {

  /** Read by Quarkus or the AWS SDK rather than by a configuration key of the app. */
  public static final Set<String> PLATFORM_VARIABLES = Set.of("QUARKUS_PROFILE", "AWS_REGION");

  public static final List<QuarkusApp> ALL = List.of(
      new QuarkusApp("StatefulSet", "listings-cleaner", "cleaner", "cleaner-streams", CleanerConfig.class,
          "kafka-streams"),
      new QuarkusApp("StatefulSet", "listings-usecases", "usecases", "usecase-streams", UseCaseConfig.class,
          "kafka-streams"),
      new QuarkusApp("Deployment", "listings-alerting", "alerting", "alerting", AlertingConfig.class, "kafka"));

  public Path applicationProperties() {
    return Overlay.REPOSITORY.resolve(module).resolve("src/main/resources/application.properties");
  }

  public ConfigKeys configKeys() {
    return ConfigKeys.of(applicationProperties(), mapping);
  }

  /** A setting of application.properties as the given profile sees it. */
  public String property(String profile, String key) {
    return ConfigKeys.property(applicationProperties(), profile, key);
  }
}
