package dev.listings.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.k8s.render.Resource;
import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** In production every Kafka client authenticates to MSK with IAM (SASL_SSL, AWS_MSK_IAM); development does not. */
class MskIamTest {
  static final String LOGIN_MODULE = "software.amazon.msk.auth.iam.IAMLoginModule";
  static final String CALLBACK_HANDLER = "software.amazon.msk.auth.iam.IAMClientCallbackHandler";

  private static void assertMskIam(Map<String, ?> settings, String prefix) {
    assertThat(settings.get(prefix + "security.protocol")).hasToString("SASL_SSL");
    assertThat(settings.get(prefix + "sasl.mechanism")).hasToString("AWS_MSK_IAM");
    assertThat(String.valueOf(settings.get(prefix + "sasl.jaas.config"))).startsWith(LOGIN_MODULE + " required")
        .endsWith(";");
    assertThat(settings.get(prefix + "sasl.client.callback.handler.class")).hasToString(CALLBACK_HANDLER);
  }

  /** {@code PREFIX_SASL_MECHANISM} → {@code sasl.mechanism}: how the sink and kafbat map variables to client keys. */
  private static Map<String, String> envAsKeys(Map<String, String> env, String prefix) {
    Map<String, String> keys = new HashMap<>();
    env.forEach((name, value) -> {
      if (name.startsWith(prefix)) {
        keys.put(name.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    return keys;
  }

  @Test
  void quarkusAppsSwitchToMskIamThroughTheirMskProfile() throws ClassNotFoundException {
    Overlay prod = Overlay.render("prod");
    for (QuarkusApp app : QuarkusApp.ALL) {
      Map<String, String> env = prod.env(prod.get(app.workloadKind(), app.workload()), app.container());
      assertThat(env.get("QUARKUS_PROFILE").split(",")).as(app.workload()).containsExactly("prod", "msk");
      String prefix = app.kafkaPrefix() + ".";
      Map<String, String> msk = Map.of(
          prefix + "security.protocol", app.property("msk", prefix + "security.protocol"),
          prefix + "sasl.mechanism", app.property("msk", prefix + "sasl.mechanism"),
          prefix + "sasl.jaas.config", app.property("msk", prefix + "sasl.jaas.config"),
          prefix + "sasl.client.callback.handler.class", app.property("msk", prefix + "sasl.client.callback.handler.class"));
      assertMskIam(msk, prefix);
      // Without the profile (local stack, development) the clients stay on PLAINTEXT.
      assertThat(app.property("prod", prefix + "security.protocol")).as(app.workload()).isNull();
    }
    // The apps carry the library (aws-msk-iam-auth is a runtime dependency of each).
    Class.forName(LOGIN_MODULE);
    Class.forName(CALLBACK_HANDLER);
  }

  @Test
  void everyOtherClientUsesMskIamInProduction() throws IOException {
    Overlay prod = Overlay.render("prod");

    Map<String, String> sink = prod.env(prod.get("Deployment", "listings-table-sink"), "table-sink");
    assertMskIam(envAsKeys(sink, "SINK_CONSUMER_"), "");
    Map<String, String> ui = prod.env(prod.get("Deployment", "kafka-ui"), "kafka-ui");
    assertMskIam(envAsKeys(ui, "KAFKA_CLUSTERS_0_PROPERTIES_"), "");
    Properties client = new Properties();
    client.load(new StringReader(Resource.string(prod.get("ConfigMap", "listings-kafka-client").body(), "data",
        "client.properties")));
    Map<String, String> clientSettings = new HashMap<>();
    client.stringPropertyNames().forEach(k -> clientSettings.put(k, client.getProperty(k)));
    assertMskIam(clientSettings, "");

    Map<String, Object> connect = Resource.map(prod.get("KafkaConnect", "listings-connect").body(), "spec");
    assertThat(Resource.get(connect, "authentication", "type")).isEqualTo("custom");
    assertThat(Resource.get(connect, "authentication", "sasl")).isEqualTo(true);
    assertThat(Resource.map(connect, "tls")).as("SASL with TLS is SASL_SSL").isNotNull();
    Map<String, Object> auth = Resource.map(connect, "authentication", "config");
    assertThat(auth).containsEntry("sasl.mechanism", "AWS_MSK_IAM")
        .containsEntry("sasl.client.callback.handler.class", CALLBACK_HANDLER);
    assertThat(String.valueOf(auth.get("sasl.jaas.config"))).startsWith(LOGIN_MODULE + " required");

    for (Resource scaled : prod.all("ScaledObject")) {
      for (Map<String, Object> trigger : Resource.maps(scaled.body(), "spec", "triggers")) {
        assertThat(Resource.map(trigger, "metadata")).as(scaled.toString())
            .containsEntry("sasl", "aws_msk_iam").containsEntry("tls", "enable").containsKey("awsRegion");
        Resource authentication = prod.get("TriggerAuthentication", Resource.string(trigger, "authenticationRef", "name"));
        assertThat(Resource.string(authentication.body(), "spec", "podIdentity", "provider")).isEqualTo("aws");
      }
    }
  }

  @Test
  void productionBrokersAreMskIamListeners() {
    Overlay prod = Overlay.render("prod");
    String environment = Resource.string(prod.get("ConfigMap", "listings-environment").body(), "data",
        "kafka.bootstrap.servers");
    String connect = Resource.string(prod.get("KafkaConnect", "listings-connect").body(), "spec",
        "bootstrapServers");

    for (String servers : List.of(environment, connect)) {
      assertThat(Arrays.asList(servers.split(","))).allMatch(b -> b.endsWith(":9098"), "port 9098 (IAM)");
    }
    assertThat(connect).isEqualTo(environment);
  }

  @Test
  void developmentUsesPlaintextEverywhere() {
    Overlay dev = Overlay.render("dev");

    for (QuarkusApp app : QuarkusApp.ALL) {
      assertThat(dev.env(dev.get(app.workloadKind(), app.workload()), app.container()).get("QUARKUS_PROFILE"))
          .isEqualTo("prod");
    }
    assertThat(dev.env(dev.get("Deployment", "listings-table-sink"), "table-sink").keySet())
        .noneMatch(k -> k.startsWith("SINK_CONSUMER_S"));
    assertThat(Resource.map(dev.get("KafkaConnect", "listings-connect").body(), "spec", "authentication")).isNull();
    assertThat(dev.all("ScaledObject")).allSatisfy(s -> assertThat(Resource.maps(s.body(), "spec", "triggers"))
        .allSatisfy(t -> assertThat(Resource.map(t, "metadata")).doesNotContainKey("sasl")));
  }
}
