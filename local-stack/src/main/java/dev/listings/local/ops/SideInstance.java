package dev.listings.local.ops;

import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.cleaner.streams.CleanerTopology;
import dev.listings.cleaner.streams.OutcomeListener;
import dev.listings.local.stack.StackOptions;
import dev.listings.schemas.Topics;
import dev.listings.usecases.topology.UseCaseOptions;
import dev.listings.usecases.topology.UseCaseTopics;
import dev.listings.usecases.topology.UseCaseTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

/**
 * Replays an application beside the running one: the same topology under its own application id ({@code
 * <application id>-backfill-<name>}), reading the input from a chosen start and writing to backfill topics ({@code
 * backfill.<name>.<topic>}), so the production application, its outputs and its accounting are untouched. Runs until
 * it has caught up with the input's end as it was at start (or until stopped, when following), then stops.
 */
public final class SideInstance {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Duration CHECK_EVERY = Duration.ofMillis(500);

  /** The two Kafka Streams applications. */
  public enum App {
    CLEANER(CleanerTopology.DEFAULT_APPLICATION_ID, Topics.RAW),
    USECASES(UseCaseTopology.DEFAULT_APPLICATION_ID, Topics.CURATED);

    public final String applicationId;
    public final String inputTopic;

    App(String applicationId, String inputTopic) {
      this.applicationId = applicationId;
      this.inputTopic = inputTopic;
    }
  }

  /**
   * What to run.
   *
   * @param inputTopic the topic to read (default: the application's input)
   * @param rules the cleaner's rules (ignored for the use cases)
   * @param resume continue a side instance of the same name from its committed offsets, rather than refusing
   * @param follow keep running after catching up, until the process is stopped
   * @param stateDir where the instance keeps its state; null for a temporary folder removed at the end
   */
  public record Spec(App app, String name, String inputTopic, OffsetTarget start, CleaningRules rules,
      String schemaRegistryUrl, boolean resume, boolean follow, Path stateDir) {
    public Spec {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new OpsException("--name '" + name + "': use letters, digits, '.', '_' or '-' (at most 64)");
      }
      if (inputTopic == null || inputTopic.isBlank()) {
        inputTopic = app.inputTopic;
      }
    }

    public String applicationId() {
      return app.applicationId + "-backfill-" + name;
    }

    public String topicPrefix() {
      return "backfill." + name + ".";
    }
  }

  /** What the run produced: the topics it wrote, and for the cleaner its ledger. */
  public record Outcome(String applicationId, Map<String, String> outputs, long inputRecords,
      LedgerTotals ledger) {}

  private SideInstance() {}

  /** The output topics of a side instance: role → topic. */
  public static Map<String, String> outputTopics(Spec spec) {
    Map<String, String> outputs = new LinkedHashMap<>();
    if (spec.app() == App.CLEANER) {
      outputs.put("curated", spec.topicPrefix() + Topics.CURATED);
      outputs.put("rejects", spec.topicPrefix() + Topics.REJECTS);
      outputs.put("ledger", spec.topicPrefix() + Topics.LEDGER);
    } else {
      for (String useCase : UseCaseTopology.availableUseCases()) {
        outputs.put(useCase, spec.topicPrefix() + UseCaseTopics.defaultOutputTopic(useCase));
      }
    }
    return outputs;
  }

  public static Outcome run(Cluster cluster, Spec spec, Consumer<String> progress) {
    String applicationId = spec.applicationId();
    Map<String, String> outputs = outputTopics(spec);
    Map<TopicPartition, Long> start;
    int partitions;
    try (Admin admin = cluster.admin()) {
      List<String> members = ResetPlanner.activeMembers(admin, applicationId);
      if (!members.isEmpty()) {
        throw new OpsException("Side instance " + applicationId + " is already running (" + String.join(", ", members)
            + "); stop it or choose another --name");
      }
      Map<TopicPartition, Long> committed = ResetPlanner.committedOffsets(admin, applicationId);
      if (!committed.isEmpty() && !spec.resume()) {
        throw new OpsException("Side instance " + applicationId + " exists already (its group has committed "
            + "offsets): use --resume to continue it, or another --name for a new replay");
      }
      List<TopicPartition> input = ResetPlanner.partitions(admin, List.of(spec.inputTopic()));
      partitions = input.size();
      if (committed.isEmpty()) {
        ResetPlan plan = ResetPlanner.plan(cluster, applicationId, List.of(spec.inputTopic()), spec.start(),
            spec.app() == App.CLEANER);
        start = plan.offsets();
      } else {
        start = new HashMap<>();
        input.forEach(tp -> start.put(tp, committed.getOrDefault(tp, 0L)));
      }
      createMissingTopics(admin, spec, outputs, partitions);
      if (committed.isEmpty()) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        start.forEach((tp, o) -> offsets.put(tp, new OffsetAndMetadata(o)));
        admin.alterConsumerGroupOffsets(applicationId, offsets).all().get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpsException("Interrupted", e);
    } catch (ExecutionException e) {
      throw new OpsException("Preparing side instance " + applicationId + " failed: " + e.getCause(), e.getCause());
    }

    Map<TopicPartition, Long> target = GroupProgress.dataEnd(cluster, List.of(spec.inputTopic()));
    long inputRecords = 0;
    for (Map.Entry<TopicPartition, Long> t : target.entrySet()) {
      inputRecords += Math.max(0, t.getValue() - start.getOrDefault(t.getKey(), 0L));
    }
    Path stateDir = spec.stateDir();
    boolean temporaryState = stateDir == null;
    try {
      if (temporaryState) {
        stateDir = Files.createTempDirectory("side-instance-");
      }
      runStreams(cluster, spec, outputs, stateDir, start, target, progress);
    } catch (IOException e) {
      throw new OpsException("Cannot create a state folder: " + e.getMessage(), e);
    } finally {
      if (temporaryState && stateDir != null) {
        deleteQuietly(stateDir);
      }
    }
    LedgerTotals ledger = spec.app() == App.CLEANER ? LedgerTotals.read(cluster, outputs.get("ledger")) : null;
    return new Outcome(applicationId, outputs, inputRecords, ledger);
  }

  private static void runStreams(Cluster cluster, Spec spec, Map<String, String> outputs, Path stateDir,
      Map<TopicPartition, Long> start, Map<TopicPartition, Long> target, Consumer<String> progress) {
    Topology topology;
    Map<String, Object> required;
    Map<String, Object> serdeConfig = Map.of("schema.registry.url", spec.schemaRegistryUrl());
    if (spec.app() == App.CLEANER) {
      CleanerTopology cleaner = new CleanerTopology(
          new CleanerTopology.Topics(spec.inputTopic(), outputs.get("curated"), outputs.get("rejects"),
              outputs.get("ledger")),
          spec.rules(), CleanerTopology.Settings.defaults(), serdeConfig, Clock.systemUTC(), OutcomeListener.NONE);
      topology = cleaner.build();
      required = cleaner.requiredStreamsConfig();
    } else {
      Map<String, String> overrides = new HashMap<>(outputs);
      UseCaseTopology useCases = new UseCaseTopology(new UseCaseTopics(spec.inputTopic(), overrides),
          UseCaseTopology.availableUseCases(), serdeConfig, UseCaseOptions.defaults());
      topology = useCases.build();
      required = useCases.requiredStreamsConfig();
    }
    Properties props = new Properties();
    props.putAll(cluster.common());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, spec.applicationId());
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put("schema.registry.url", spec.schemaRegistryUrl());
    props.putAll(required);
    props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, StackOptions.LIVE_COMMIT_INTERVAL_MS);
    // A replay works through a backlog: the batch record cache (ADR 0013).
    props.putIfAbsent(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, StackOptions.BATCH_RECORD_CACHE_BYTES);
    props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG),
        StackOptions.PRODUCER_BATCH_BYTES);

    AtomicReference<Throwable> failure = new AtomicReference<>();
    KafkaStreams streams = new KafkaStreams(topology, props);
    streams.setUncaughtExceptionHandler(e -> {
      failure.set(e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    CloseOptions leave = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30));
    Thread stopOnExit = new Thread(() -> streams.close(leave), "side-instance-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    try (GroupProgress watch = new GroupProgress(cluster, spec.applicationId(), start, target)) {
      streams.start();
      String ledgerTopic = outputs.get("ledger");
      long settledEnd = -1;
      while (true) {
        Thread.sleep(CHECK_EVERY.toMillis());
        if (failure.get() != null) {
          throw new OpsException("Side instance " + spec.applicationId() + " failed: " + failure.get(), failure.get());
        }
        if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING) {
          throw new OpsException("Side instance " + spec.applicationId() + " stopped (" + streams.state() + ")");
        }
        GroupProgress.Snapshot snapshot = watch.poll();
        progress.accept(snapshot.render("records") + (snapshot.inputDone() && !snapshot.caughtUp()
            ? "  (finishing internal topics)" : ""));
        if (spec.follow() || !snapshot.caughtUp()) {
          continue;
        }
        if (ledgerTopic == null) {
          break;
        }
        // Counts are published on a short wall-clock interval after processing: done once the ledger stops moving.
        long end = ledgerEnd(cluster, ledgerTopic);
        if (end == settledEnd) {
          break;
        }
        settledEnd = end;
        Thread.sleep(CleanerTopology.Settings.defaults().ledgerPublishInterval().toMillis() * 2);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpsException("Interrupted", e);
    } finally {
      streams.close(leave);
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
    }
  }

  private static long ledgerEnd(Cluster cluster, String topic) {
    try (Admin admin = cluster.admin()) {
      List<TopicPartition> partitions = ResetPlanner.partitions(admin, List.of(topic));
      return ResetPlanner.offsets(admin, partitions, OffsetSpec.latest()).values().stream()
          .mapToLong(Long::longValue).sum();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpsException("Interrupted", e);
    } catch (ExecutionException e) {
      throw new OpsException("Reading " + topic + " failed: " + e.getCause(), e.getCause());
    }
  }

  private static void createMissingTopics(Admin admin, Spec spec, Map<String, String> outputs, int partitions)
      throws InterruptedException, ExecutionException {
    Set<String> existing = admin.listTopics().names().get();
    List<NewTopic> missing = new ArrayList<>();
    for (Map.Entry<String, String> output : outputs.entrySet()) {
      if (existing.contains(output.getValue())) {
        continue;
      }
      if (output.getKey().equals("ledger")) {
        missing.add(new NewTopic(output.getValue(), Optional.of(1), Optional.empty())
            .configs(Map.of("cleanup.policy", "compact")));
      } else {
        missing.add(new NewTopic(output.getValue(), Optional.of(partitions), Optional.empty()));
      }
    }
    if (!missing.isEmpty()) {
      admin.createTopics(missing).all().get();
    }
  }

  static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException ignored) {
      // a temporary folder
    }
  }
}
