package dev.listings.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.k8s.render.Resource;
import dev.listings.schemas.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Topics as code: every topic the pipeline uses is declared, with sane settings, and the job applies them. */
class TopicsTest {
  static final List<String> OVERLAYS = Overlay.NAMES;
  static final Set<String> COMPACTED = Set.of(Topics.LEDGER, Topics.REDRIVES, Topics.SCHEMAS, "connect-listings-configs",
      "connect-listings-offsets", "connect-listings-status");

  /**
   * The compacted topics: the logs above, and each use case's topic whose results are a table (the latest value per
   * key); a topic of events keeps every record for its retention.
   */
  static Set<String> compacted(Overlay overlay) {
    Set<String> compacted = new HashSet<>(COMPACTED);
    DeployedUseCases.results(overlay).stream().filter(r -> r.results().isTable())
        .forEach(r -> compacted.add(r.topic()));
    return compacted;
  }

  /**
   * The topics the apps, Connect and the operations commands use, from their own defaults and the manifests. Backfill
   * topics ({@code backfill.<name>.*}) are not among them: the commands create them per backfill.
   */
  static Set<String> usedTopics(Overlay overlay) {
    Set<String> topics = new HashSet<>(Set.of(Topics.RAW, Topics.CURATED, Topics.REJECTS, Topics.INGEST_AUDIT,
        Topics.LEDGER, Topics.REDRIVES, Topics.APP_ERRORS, Topics.SCHEMAS));
    topics.add(QuarkusApp.ALL.get(0).property("prod", "cleaner.topics.app-errors"));
    topics.add(QuarkusApp.ALL.get(1).property("prod", "usecases.topics.app-errors"));
    DeployedUseCases.results(overlay).forEach(r -> topics.add(r.topic()));
    TableSinkDeployment.tables(overlay).forEach(m -> topics.add(m.topic()));
    QuarkusApp alerting = QuarkusApp.ALL.get(2);
    alerting.configKeys().properties().forEach((k, v) -> {
      if (k.startsWith("alerting.topics.")) {
        topics.add(v);
      }
    });
    Map<String, Object> connect = Resource.map(overlay.get("KafkaConnect", "listings-connect").body(), "spec");
    for (String key : List.of("configStorageTopic", "offsetStorageTopic", "statusStorageTopic")) {
      topics.add(Resource.string(connect, key));
    }
    Map<String, Object> connector = Resource.map(overlay.get("KafkaConnector", "s3-landing").body(), "spec",
        "config");
    topics.add(String.valueOf(connector.get("topic")));
    topics.add(String.valueOf(connector.get("audit.topic")));
    return topics;
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void declaresExactlyTheTopicsThePipelineUses(String name) {
    Overlay overlay = Overlay.render(name);

    assertThat(overlay.topics().keySet()).containsExactlyInAnyOrderElementsOf(usedTopics(overlay));
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void leavesBackfillTopicsToTheCommandsThatCreateThem(String name) {
    Overlay overlay = Overlay.render(name);

    assertThat(overlay.topics().keySet()).noneMatch(t -> t.startsWith(Topics.BACKFILL_PREFIX));
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void topicSettingsAreConsistent(String name) {
    Overlay overlay = Overlay.render(name);
    int replication = name.equals("prod") ? 3 : 1;
    Set<String> compacted = compacted(overlay);
    overlay.topics().forEach((topic, settings) -> {
      assertThat(Integer.parseInt(settings.getProperty("partitions"))).as(topic).isPositive();
      assertThat(settings.getProperty("replication.factor")).as(topic).isEqualTo(String.valueOf(replication));
      assertThat(Integer.parseInt(settings.getProperty("min.insync.replicas"))).as(topic)
          .isEqualTo(Math.max(1, replication - 1));
      assertThat(settings.getProperty("cleanup.policy")).as(topic)
          .isEqualTo(compacted.contains(topic) ? "compact" : "delete");
    });
    for (String singlePartition : List.of(Topics.SCHEMAS, Topics.LEDGER, "connect-listings-configs")) {
      assertThat(overlay.partitions(singlePartition)).as(singlePartition).isEqualTo(1);
    }
    long maxRequest = Long.parseLong(Resource.string(overlay.get("KafkaConnect", "listings-connect").body(),
        "spec", "config", "producer.max.request.size"));
    assertThat(Long.parseLong(overlay.topics().get(Topics.RAW).getProperty("max.message.bytes")))
        .isGreaterThanOrEqualTo(maxRequest);
  }

  // ---- the job's script, run against stand-ins of the Kafka command-line tools ----------------------------------

  @TempDir Path dir;

  private Path fakeTools(String describeOutput) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.writeString(dir.resolve("describe"), describeOutput);
    String tool = """
        #!/usr/bin/env bash
        echo "$(basename "$0") $*" >> "%s"
        case " $* " in
          *" --list "*) cut -f1 "%s" | sed 's/^Topic: //' ;;
          *" --describe "*)
            while [[ $# -gt 0 ]]; do [[ "$1" == --topic ]] && topic="$2"; shift; done
            grep -P "^Topic: ${topic}\\t" "%s" || true ;;
        esac
        """.formatted(dir.resolve("calls"), dir.resolve("describe"), dir.resolve("describe"));
    for (String name : List.of("kafka-topics.sh", "kafka-configs.sh")) {
      Path script = bin.resolve(name);
      Files.writeString(script, tool);
      script.toFile().setExecutable(true);
    }
    return bin;
  }

  private Process runScript(Overlay overlay, Path bin) throws IOException, InterruptedException {
    Path topics = Files.createDirectories(dir.resolve("topics"));
    Map<String, Object> data = Resource.map(overlay.get("ConfigMap", "listings-topics").body(), "data");
    for (Map.Entry<String, Object> entry : data.entrySet()) {
      Files.writeString(topics.resolve(entry.getKey()), String.valueOf(entry.getValue()));
    }
    Path script = dir.resolve("apply-topics.sh");
    Files.writeString(script, Resource.string(overlay.get("ConfigMap", "listings-topics-script").body(), "data",
        "apply-topics.sh"));
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("out").toFile());
    builder.environment().putAll(Map.of("KAFKA_BIN", bin.toString(), "TOPICS_DIR", topics.toString(),
        "KAFKA_CLIENT_CONFIG", "/dev/null", "KAFKA_BOOTSTRAP_SERVERS", "b:9098"));
    Process process = builder.start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return process;
  }

  @Test
  void jobCreatesMissingTopicsAndRaisesPartitionCounts() throws IOException, InterruptedException {
    Overlay prod = Overlay.render("prod");
    Path bin = fakeTools("Topic: listings.raw.v1\tTopicId: x\tPartitionCount: 6\tReplicationFactor: 3\tConfigs:\n");

    Process process = runScript(prod, bin);

    String calls = Files.readString(dir.resolve("calls"));
    assertThat(process.exitValue()).as(Files.readString(dir.resolve("out"))).isZero();
    assertThat(calls).contains("kafka-topics.sh --bootstrap-server b:9098 --command-config /dev/null --alter "
        + "--topic listings.raw.v1 --partitions 12");
    assertThat(calls).contains("--create --if-not-exists --topic listings.curated.v1 --partitions 12 "
        + "--replication-factor 3 --config cleanup.policy=delete");
    assertThat(calls).contains("kafka-configs.sh", "--entity-name listings.raw.v1 --add-config");
    assertThat(calls).doesNotContain("--create --if-not-exists --topic listings.raw.v1").doesNotContain("--delete");
    assertThat(calls.lines().filter(l -> l.contains("--create"))).hasSize(prod.topics().size() - 1);
  }

  @Test
  void jobFailsWhenATopicHasMorePartitionsThanDeclared() throws IOException, InterruptedException {
    Path bin = fakeTools("Topic: _schemas\tTopicId: x\tPartitionCount: 3\tReplicationFactor: 3\tConfigs:\n");

    Process process = runScript(Overlay.render("prod"), bin);

    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("out"))).contains("PROBLEM _schemas: has 3 partitions, declared 1");
  }

  @Test
  void declaredSettingsReadAsProperties() {
    Properties raw = Overlay.render("prod").topics().get(Topics.RAW);

    assertThat(raw.getProperty("partitions")).isEqualTo("12");
    assertThat(raw.getProperty("retention.ms")).isEqualTo("604800000");
  }
}
