package dev.listings.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.k8s.render.Resource;
import dev.listings.schemas.Topics;
import dev.listings.sink.TableMapping;
import dev.listings.usecases.topology.ResultsTopic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The IAM policies in k8s/iam grant each service what it needs (its topics, groups, transactional ids, buckets,
 * tables, queue, topic) and nothing beyond: checked with a small evaluator of Allow statements with wildcards.
 */
class IamPoliciesTest {
  static final List<String> OVERLAYS = Overlay.NAMES;
  static final Path IAM = Overlay.MODULE.resolve("iam");
  static final String KAFKA = "arn:aws:kafka:eu-central-1:111122223333:";
  static final String CLUSTER = KAFKA + "cluster/listings-msk/5a1b2c3d-uuid-1";
  static final Pattern ROLE = Pattern.compile("^arn:aws:iam::\\d{12}:role/listings-(?:dev-)?(.+)$");

  static String topic(String name) {
    return KAFKA + "topic/listings-msk/5a1b2c3d-uuid-1/" + name;
  }

  static String group(String name) {
    return KAFKA + "group/listings-msk/5a1b2c3d-uuid-1/" + name;
  }

  static String transactionalId(String name) {
    return KAFKA + "transactional-id/listings-msk/5a1b2c3d-uuid-1/" + name;
  }

  static JsonNode policy(String name) {
    try {
      return new ObjectMapper().readTree(IAM.resolve(name + ".json").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether an Allow statement grants the action on the resource (no Deny statements are used). */
  static boolean allows(JsonNode policy, String action, String resource) {
    for (JsonNode statement : policy.get("Statement")) {
      if (statement.get("Effect").asText().equals("Allow") && matchesAny(statement.get("Action"), action)
          && matchesAny(statement.get("Resource"), resource)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesAny(JsonNode patterns, String value) {
    List<String> list = new ArrayList<>();
    if (patterns.isArray()) {
      patterns.forEach(p -> list.add(p.asText()));
    } else {
      list.add(patterns.asText());
    }
    return list.stream().anyMatch(p -> Pattern.compile("^" + Pattern.quote(p).replace("*", "\\E.*\\Q")
        .replace("?", "\\E.\\Q") + "$").matcher(value).matches());
  }

  @Test
  void everyPolicyIsWellFormedAndScoped() throws IOException {
    try (Stream<Path> files = Files.list(IAM)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
        JsonNode policy = new ObjectMapper().readTree(file.toFile());
        assertThat(policy.get("Version").asText()).as(file.toString()).isEqualTo("2012-10-17");
        for (JsonNode statement : policy.get("Statement")) {
          assertThat(statement.has("Sid")).as(file + " " + statement).isTrue();
          assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
          if (statement.has("Resource")) {
            statement.get("Resource").forEach(r -> assertThat(r.asText()).as(file.toString()).isNotEqualTo("*"));
          }
          JsonNode actions = statement.get("Action");
          (actions.isArray() ? actions : List.of(actions)).forEach(a ->
              assertThat(((JsonNode) a).asText()).as(file.toString()).doesNotEndWith("*"));
        }
      }
    }
  }

  @Test
  void cleanerReadsRawAndWritesItsOutputsOnly() {
    JsonNode cleaner = policy("cleaner");

    assertThat(allows(cleaner, "kafka-cluster:Connect", CLUSTER)).isTrue();
    assertThat(allows(cleaner, "kafka-cluster:ReadData", topic(Topics.RAW))).isTrue();
    for (String output : List.of(Topics.CURATED, Topics.REJECTS, Topics.LEDGER)) {
      assertThat(allows(cleaner, "kafka-cluster:WriteData", topic(output))).as(output).isTrue();
    }
    assertThat(allows(cleaner, "kafka-cluster:CreateTopic", topic("listings-cleaner-by-id-repartition"))).isTrue();
    assertThat(allows(cleaner, "kafka-cluster:AlterGroup", group("listings-cleaner"))).isTrue();
    assertThat(allows(cleaner, "kafka-cluster:AlterTransactionalId", transactionalId("listings-cleaner-7f3e-1")))
        .isTrue();
    assertThat(allows(cleaner, "kafka-cluster:WriteDataIdempotently", CLUSTER)).isTrue();

    assertThat(allows(cleaner, "kafka-cluster:WriteData", topic(Topics.RAW))).isFalse();
    assertThat(allows(cleaner, "kafka-cluster:CreateTopic", topic(Topics.CURATED))).isFalse();
    assertThat(allows(cleaner, "kafka-cluster:DeleteTopic", topic("listings-cleaner-by-id-repartition"))).isFalse();
    assertThat(allows(cleaner, "kafka-cluster:AlterGroup", group("listings-usecases"))).isFalse();
  }

  @Test
  void useCasesReadCuratedAndWriteTheirResults() {
    JsonNode usecases = policy("usecases");
    List<String> outputs = DeployedUseCases.results(Overlay.render("prod")).stream().map(ResultsTopic::topic)
        .toList();

    assertThat(allows(usecases, "kafka-cluster:ReadData", topic(Topics.CURATED))).isTrue();
    assertThat(outputs).isNotEmpty();
    outputs.forEach(t -> assertThat(allows(usecases, "kafka-cluster:WriteData", topic(t))).as(t).isTrue());
    assertThat(allows(usecases, "kafka-cluster:AlterTransactionalId", transactionalId("listings-usecases-1-0")))
        .isTrue();
    assertThat(allows(usecases, "kafka-cluster:WriteData", topic(Topics.CURATED))).isFalse();
    assertThat(allows(usecases, "kafka-cluster:ReadData", topic(Topics.REJECTS))).isFalse();
  }

  @Test
  void cleanerAndUseCasesPublishTheirErrorEventsForTheAlerting() {
    for (String app : List.of("cleaner", "usecases")) {
      JsonNode policy = policy(app);

      assertThat(allows(policy, "kafka-cluster:WriteData", topic(Topics.APP_ERRORS))).as(app).isTrue();
      assertThat(allows(policy, "kafka-cluster:WriteData", topic("pipeline.alerts.v1"))).as(app).isFalse();
      assertThat(allows(policy, "kafka-cluster:CreateTopic", topic(Topics.APP_ERRORS))).as(app).isFalse();
    }
  }

  @Test
  void redriveSendsRejectedLinesBackToRawAndKeepsItsJournal() {
    JsonNode redrive = policy("redrive");

    for (String read : List.of(Topics.REJECTS, Topics.LEDGER, Topics.REDRIVES)) {
      assertThat(allows(redrive, "kafka-cluster:ReadData", topic(read))).as(read).isTrue();
    }
    assertThat(allows(redrive, "kafka-cluster:WriteData", topic(Topics.RAW))).isTrue();
    assertThat(allows(redrive, "kafka-cluster:WriteData", topic(Topics.REDRIVES))).isTrue();
    assertThat(allows(redrive, "kafka-cluster:CreateTopic", topic(Topics.REDRIVES))).isTrue();
    assertThat(allows(redrive, "kafka-cluster:AlterTransactionalId",
        transactionalId("listings-redrive-rd-20260105T101500Z-3f2a"))).isTrue();
    assertThat(allows(redrive, "kafka-cluster:WriteDataIdempotently", CLUSTER)).isTrue();

    for (String other : List.of(Topics.REJECTS, Topics.CURATED, Topics.LEDGER)) {
      assertThat(allows(redrive, "kafka-cluster:WriteData", topic(other))).as(other).isFalse();
    }
    assertThat(allows(redrive, "kafka-cluster:CreateTopic", topic(Topics.RAW))).isFalse();
    assertThat(allows(redrive, "kafka-cluster:AlterGroup", group("listings-cleaner"))).isFalse();
    assertThat(allows(redrive, "kafka-cluster:AlterTransactionalId", transactionalId("listings-cleaner-1")))
        .isFalse();
  }

  @Test
  void sideInstancesRunUnderTheirOwnIdsAndWriteOnlyBackfillTopics() {
    JsonNode side = policy("side-instance");

    for (String app : List.of("listings-cleaner", "listings-usecases")) {
      String id = app + "-backfill-wider-area";
      assertThat(allows(side, "kafka-cluster:AlterGroup", group(id))).as(id).isTrue();
      assertThat(allows(side, "kafka-cluster:AlterTransactionalId", transactionalId(id + "-7f3e-1"))).as(id).isTrue();
      assertThat(allows(side, "kafka-cluster:CreateTopic", topic(id + "-dedupe-store-changelog"))).as(id).isTrue();
      assertThat(allows(side, "kafka-cluster:AlterGroup", group(app))).as(app).isFalse();
      assertThat(allows(side, "kafka-cluster:AlterTransactionalId", transactionalId(app + "-7f3e-1"))).as(app)
          .isFalse();
      assertThat(allows(side, "kafka-cluster:CreateTopic", topic(app + "-dedupe-store-changelog"))).as(app)
          .isFalse();
    }
    assertThat(allows(side, "kafka-cluster:ReadData", topic(Topics.RAW))).isTrue();
    assertThat(allows(side, "kafka-cluster:ReadData", topic(Topics.CURATED))).isTrue();
    assertThat(allows(side, "kafka-cluster:ReadData", topic("backfill.jan5.listings.raw.v1"))).isTrue();
    for (String output : List.of("backfill.wider-area.listings.curated.v1", "backfill.wider-area.listings.rejects.v1",
        "backfill.wider-area.listings.ledger.v1", "backfill.wider-area.usecase.price-per-sqm.v1")) {
      assertThat(allows(side, "kafka-cluster:CreateTopic", topic(output))).as(output).isTrue();
      assertThat(allows(side, "kafka-cluster:WriteData", topic(output))).as(output).isTrue();
    }
    for (String production : List.of(Topics.RAW, Topics.CURATED, Topics.REJECTS, Topics.LEDGER,
        Topics.USECASE_PRICE_PER_SQM)) {
      assertThat(allows(side, "kafka-cluster:WriteData", topic(production))).as(production).isFalse();
    }
    assertThat(allows(side, "kafka-cluster:DeleteTopic", topic("backfill.wider-area.listings.curated.v1")))
        .isFalse();
  }

  @Test
  void reingestListsTheLandingPrefixAndConnectWritesTheBackfillTopics() {
    JsonNode reingest = policy("reingest");
    JsonNode connect = policy("connect");

    assertThat(allows(reingest, "s3:ListBucket", "arn:aws:s3:::listings-landing")).isTrue();
    assertThat(allows(reingest, "s3:GetObject", "arn:aws:s3:::listings-landing/2026/01/a.jsonl")).isFalse();
    assertThat(allows(reingest, "kafka-cluster:CreateTopic", topic("backfill.jan5.listings.raw.v1"))).isTrue();
    assertThat(allows(reingest, "kafka-cluster:CreateTopic", topic("backfill.jan5.ingest.audit.v1"))).isTrue();
    assertThat(allows(reingest, "kafka-cluster:ReadData", topic("backfill.jan5.ingest.audit.v1"))).isTrue();
    assertThat(allows(reingest, "kafka-cluster:ReadData", topic(Topics.INGEST_AUDIT))).isTrue();
    assertThat(allows(reingest, "kafka-cluster:WriteData", topic("backfill.jan5.listings.raw.v1"))).isFalse();
    assertThat(allows(reingest, "kafka-cluster:CreateTopic", topic(Topics.RAW))).isFalse();

    for (String output : List.of("backfill.jan5.listings.raw.v1", "backfill.jan5.ingest.audit.v1",
        "backfill.jan5.connect-offsets")) {
      assertThat(allows(connect, "kafka-cluster:WriteData", topic(output))).as(output).isTrue();
    }
    assertThat(allows(connect, "kafka-cluster:AlterTransactionalId",
        transactionalId("connect-listings-s3-reingest-jan5-0"))).isTrue();
    assertThat(allows(connect, "kafka-cluster:WriteData", topic("backfill.jan5.listings.curated.v1"))).isFalse();
  }

  @Test
  void inPlaceReplayResetsOnlyTheTwoStreamsApplications() {
    JsonNode reset = policy("streams-reset");

    for (String app : List.of("listings-cleaner", "listings-usecases")) {
      assertThat(allows(reset, "kafka-cluster:AlterGroup", group(app))).as(app).isTrue();
      assertThat(allows(reset, "kafka-cluster:DeleteTopic", topic(app + "-by-id-repartition"))).as(app).isTrue();
    }
    assertThat(allows(reset, "kafka-cluster:ReadData", topic(Topics.RAW))).isTrue();
    assertThat(allows(reset, "kafka-cluster:AlterGroup", group("listings-table-sink"))).isFalse();
    assertThat(allows(reset, "kafka-cluster:DeleteTopic", topic(Topics.CURATED))).isFalse();
    assertThat(allows(reset, "kafka-cluster:WriteData", topic(Topics.RAW))).isFalse();
  }

  @Test
  void alertingReadsWhatItWatchesAndPublishesAlerts() {
    JsonNode alerting = policy("alerting");
    List<String> watched = new ArrayList<>();
    QuarkusApp.ALL.get(2).configKeys().properties().forEach((k, v) -> {
      if (k.startsWith("alerting.topics.")) {
        watched.add(v);
      }
    });

    watched.forEach(t -> assertThat(allows(alerting, "kafka-cluster:ReadData", topic(t))).as(t).isTrue());
    assertThat(allows(alerting, "kafka-cluster:WriteData", topic("pipeline.alerts.v1"))).isTrue();
    assertThat(allows(alerting, "sns:Publish", "arn:aws:sns:eu-central-1:111122223333:listings-alerts")).isTrue();
    assertThat(allows(alerting, "kafka-cluster:WriteData", topic(Topics.REJECTS))).isFalse();
    assertThat(allows(alerting, "sns:Publish", "arn:aws:sns:eu-central-1:111122223333:other")).isFalse();
  }

  @Test
  void tableSinkReadsItsTopicsAndWritesTheWarehouse() {
    JsonNode sink = policy("table-sink");
    List<TableMapping> tables = TableSinkDeployment.tables(Overlay.render("prod"));

    assertThat(tables).isNotEmpty();
    tables.forEach(m ->
        assertThat(allows(sink, "kafka-cluster:ReadData", topic(m.topic()))).as(m.topic()).isTrue());
    assertThat(allows(sink, "kafka-cluster:AlterGroup", group("listings-table-sink"))).isTrue();
    assertThat(allows(sink, "glue:UpdateTable", "arn:aws:glue:eu-central-1:111122223333:table/listings/curated"))
        .isTrue();
    assertThat(allows(sink, "glue:CreateTable", "arn:aws:glue:eu-central-1:111122223333:table/usecases/x")).isTrue();
    assertThat(allows(sink, "s3:PutObject", "arn:aws:s3:::listings-lake/warehouse/listings/curated/data/a.parquet"))
        .isTrue();
    assertThat(allows(sink, "glue:DeleteTable", "arn:aws:glue:eu-central-1:111122223333:table/listings/curated"))
        .isFalse();
    assertThat(allows(sink, "s3:PutObject", "arn:aws:s3:::listings-landing/x.jsonl")).isFalse();
    assertThat(allows(sink, "kafka-cluster:WriteData", topic(Topics.CURATED))).isFalse();
  }

  @Test
  void connectReadsTheLandingBucketAndWritesRawLines() {
    JsonNode connect = policy("connect");

    assertThat(allows(connect, "kafka-cluster:WriteData", topic(Topics.RAW))).isTrue();
    assertThat(allows(connect, "kafka-cluster:WriteData", topic(Topics.INGEST_AUDIT))).isTrue();
    assertThat(allows(connect, "kafka-cluster:ReadData", topic("connect-listings-offsets"))).isTrue();
    assertThat(allows(connect, "kafka-cluster:AlterTransactionalId", transactionalId("connect-listings-s3-landing-0")))
        .isTrue();
    assertThat(allows(connect, "s3:GetObject", "arn:aws:s3:::listings-landing/2026/01/a.jsonl")).isTrue();
    assertThat(allows(connect, "sqs:DeleteMessage",
        "arn:aws:sqs:eu-central-1:111122223333:listings-landing-events")).isTrue();
    assertThat(allows(connect, "s3:PutObject", "arn:aws:s3:::listings-landing/x")).isFalse();
    assertThat(allows(connect, "kafka-cluster:ReadData", topic(Topics.CURATED))).isFalse();
  }

  @Test
  void kafkaUiOnlyReadsAndTopicsAdminNeverDeletes() {
    JsonNode ui = policy("kafka-ui");
    JsonNode admin = policy("topics-admin");
    Overlay prod = Overlay.render("prod");

    assertThat(allows(ui, "kafka-cluster:ReadData", topic(Topics.REJECTS))).isTrue();
    assertThat(allows(ui, "kafka-cluster:DescribeGroup", group("listings-table-sink"))).isTrue();
    for (String action : List.of("kafka-cluster:WriteData", "kafka-cluster:CreateTopic", "kafka-cluster:AlterGroup",
        "kafka-cluster:DeleteTopic")) {
      assertThat(allows(ui, action, topic(Topics.REJECTS)) || allows(ui, action, group("listings-cleaner")))
          .as(action).isFalse();
    }
    prod.topics().keySet().forEach(t -> {
      assertThat(allows(admin, "kafka-cluster:CreateTopic", topic(t))).as(t).isTrue();
      assertThat(allows(admin, "kafka-cluster:AlterTopicDynamicConfiguration", topic(t))).as(t).isTrue();
      assertThat(allows(admin, "kafka-cluster:DeleteTopic", topic(t))).as(t).isFalse();
      assertThat(allows(admin, "kafka-cluster:WriteData", topic(t))).as(t).isFalse();
    });
  }

  @Test
  void kedaReadsTheLagOfTheScaledGroups() {
    JsonNode keda = policy("keda-operator");
    for (Resource scaled : Overlay.render("prod").all("ScaledObject")) {
      for (var trigger : Resource.maps(scaled.body(), "spec", "triggers")) {
        assertThat(allows(keda, "kafka-cluster:DescribeGroup",
            group(Resource.string(trigger, "metadata", "consumerGroup")))).isTrue();
        assertThat(allows(keda, "kafka-cluster:DescribeTopic", topic(Resource.string(trigger, "metadata", "topic"))))
            .isTrue();
      }
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyServiceAccountAssumesARoleWhosePolicyIsInTheRepository(String name) {
    Overlay overlay = Overlay.render(name);
    List<String> roles = new ArrayList<>();
    overlay.all("ServiceAccount").forEach(a ->
        roles.add(Resource.string(a.metadata(), "annotations", "eks.amazonaws.com/role-arn")));
    roles.add(Resource.string(overlay.get("KafkaConnect", "listings-connect").body(), "spec", "template",
        "serviceAccount", "metadata", "annotations", "eks.amazonaws.com/role-arn"));

    assertThat(roles).hasSize(7).allSatisfy(role -> {
      Matcher matcher = ROLE.matcher(String.valueOf(role));
      assertThat(matcher.matches()).as(role).isTrue();
      assertThat(IAM.resolve(matcher.group(1) + ".json")).as(role).exists();
    });
    overlay.workloads().forEach(w ->
        assertThat(Resource.string(Overlay.podSpec(w), "serviceAccountName")).as(w.toString()).isNotNull());
  }
}
