package dev.listings.local.cli;

import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.local.ops.AppReset;
import dev.listings.local.ops.Cluster;
import dev.listings.local.ops.GroupProgress;
import dev.listings.local.ops.LedgerTotals;
import dev.listings.local.ops.OffsetTarget;
import dev.listings.local.ops.OpsException;
import dev.listings.local.ops.ResetPlan;
import dev.listings.local.ops.ResetPlanner;
import dev.listings.local.ops.RulesOverrides;
import dev.listings.local.ops.SideInstance;
import dev.listings.local.ops.StatusLine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./pipeline replay}: re-run the cleaner or the use cases from a time or offsets, or re-ingest S3 objects. */
@Command(
    name = "replay",
    header = "Replay and backfill: re-run the cleaner or the use cases, re-ingest S3 objects.",
    mixinStandardHelpOptions = true,
    description = {
      "Replays and backfills: re-runs the cleaner or the use cases from a time or from offsets (in "
        + "place, by resetting the stopped application, or beside it, as a side instance writing to "
        + "backfill topics), or re-ingests the S3 objects under a prefix. Works against the local stack "
        + "(defaults from .pipeline/endpoints.json) or any cluster (--bootstrap-servers, "
        + "--command-config).",
      ""
    },
    subcommands = {
      ReplayCommand.Cleaner.class,
      ReplayCommand.UseCases.class,
      ReingestCommand.class,
      ReplayCommand.Progress.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  ./pipeline replay cleaner --to-datetime 2026-01-05T08:00:00Z --dry-run",
      "  ./pipeline replay cleaner --to-earliest --side-instance fix-42 \\",
      "      --rule max-living-area=800",
      "  ./pipeline replay usecases --to-earliest --local-state-dir /data/state",
      "  ./pipeline replay reingest --prefix 2026/01/ --from 2026-01-05 --to 2026-01-06",
      "  ./pipeline replay progress --app cleaner",
      "See docs/operations.md."
    })
final class ReplayCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing command: cleaner, usecases, reingest or progress");
  }

  /** Options and logic shared by the cleaner and use-case replays. */
  abstract static class AppReplay implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ClusterOptions clusterOptions;

    @Option(names = "--to-datetime", paramLabel = "TIME",
        description = "Start at the first record at or after TIME (record time; for raw records the ingest time): "
            + "2026-01-05T08:00:00Z, 2026-01-05T08:00 or 2026-01-05 (UTC).")
    String toDatetime;

    @Option(names = "--to-offsets", paramLabel = "OFFSETS",
        description = "Start at these offsets: PARTITION=OFFSET or TOPIC:PARTITION=OFFSET, separated by commas; "
            + "partitions not named stay where they are.")
    String toOffsets;

    @Option(names = "--to-earliest", description = "Start at the earliest offsets still in the topic.")
    boolean toEarliest;

    @Option(names = "--dry-run", description = "Show what would change, change nothing.")
    boolean dryRun;

    @Option(names = "--side-instance", paramLabel = "NAME",
        description = "Replay beside the running application: application id <id>-backfill-NAME, outputs to "
            + "backfill.NAME.<topic>; runs in this process until it has caught up.")
    String sideInstance;

    @Option(names = "--application-id", paramLabel = "ID",
        description = "In-place reset: the application id (default: listings-cleaner or listings-usecases).")
    String applicationId;

    @Option(names = "--input-topic", paramLabel = "TOPIC",
        description = "The input topic (default: the application's).")
    String inputTopic;

    @Option(names = "--local-state-dir", paramLabel = "DIR",
        description = "In-place reset: the instance's Kafka Streams state.dir; its <application id> folder is deleted "
            + "(do this on every instance, or call KafkaStreams#cleanUp() at start).")
    Path localStateDir;

    @Option(names = "--force", description = "In-place reset: remove the group's members first, for instances that "
        + "are stopped but whose session has not timed out yet. Never while an instance runs.")
    boolean force;

    @Option(names = "--watch", description = "In-place reset: afterwards, show the application's progress through "
        + "the replay (once restarted) until it has caught up.")
    boolean watch;

    @Option(names = "--follow", description = "Side instance: keep running after catching up (Ctrl-C stops it).")
    boolean follow;

    @Option(names = "--resume", description = "Side instance: continue an existing side instance of this name.")
    boolean resume;

    @Option(names = "--side-state-dir", paramLabel = "DIR",
        description = "Side instance: where it keeps its state (default: a temporary folder, removed at the end).")
    Path sideStateDir;

    abstract SideInstance.App app();

    boolean alignToObjects() {
      return false;
    }

    CleaningRules rules() {
      return CleaningRules.defaults();
    }

    String describeApp() {
      return app() == SideInstance.App.CLEANER ? "cleaner" : "use cases";
    }

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        String input = inputTopic != null ? inputTopic : app().inputTopic;
        OffsetTarget target = OffsetTarget.choose(toDatetime, toOffsets, toEarliest, List.of(input));
        if (sideInstance == null && (follow || resume || sideStateDir != null)) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "--follow, --resume and --side-state-dir go with --side-instance");
        }
        if (sideInstance != null && (applicationId != null || localStateDir != null || watch || force)) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "--application-id, --local-state-dir, --watch and --force are for in-place resets, not --side-instance");
        }
        CleaningRules rules = rules();
        Cluster cluster = clusterOptions.cluster();
        out.println("Cluster " + cluster.describe());
        if (sideInstance != null) {
          return side(cluster, input, target, rules, out);
        }
        String appId = applicationId != null ? applicationId : app().applicationId;
        ResetPlan plan = ResetPlanner.plan(cluster, appId, List.of(input), target, alignToObjects());
        out.println(plan.describe());
        if (dryRun) {
          out.println(plan.groupActive()
              ? "Dry run: nothing was changed. The application is running: stop every instance before the reset."
              : "Dry run: nothing was changed.");
          return 0;
        }
        AppReset.Result result = AppReset.execute(cluster, plan, List.of(input), localStateDir, force);
        out.println("Reset done: the group's committed offsets are now "
            + format(result.committed(), plan.offsets().keySet()));
        if (!result.internalTopicsLeft().isEmpty()) {
          out.println("  Internal topics still being deleted: " + String.join(", ", result.internalTopicsLeft()));
        }
        out.println(result.wipedState() != null ? "  Local state deleted: " + result.wipedState()
            : "  Local state: delete <state.dir>/" + appId + " on every instance (or call KafkaStreams#cleanUp()) "
                + "before restarting it.");
        out.println("Next: start the " + describeApp() + " again; it reprocesses " + String.format(Locale.ROOT, "%,d",
            plan.toProcess()) + " record(s). Follow it with: ./pipeline replay progress --app "
            + (app() == SideInstance.App.CLEANER ? "cleaner" : "usecases"));
        out.flush();
        if (watch) {
          Progress.follow(cluster, appId, List.of(input), plan.offsets(), out, Duration.ofDays(1));
        }
        return 0;
      } catch (OpsException e) {
        out.flush();
        err.println("pipeline replay: " + e.getMessage());
        return 1;
      }
    }

    private int side(Cluster cluster, String input, OffsetTarget target, CleaningRules rules, PrintWriter out) {
      SideInstance.Spec side = new SideInstance.Spec(app(), sideInstance, input, target, rules,
          clusterOptions.registryUrl(), resume, follow, sideStateDir);
      out.println("Side instance " + side.applicationId() + " of the " + describeApp() + ", from " + target.describe()
          + " of " + input);
      SideInstance.outputTopics(side).forEach((role, topic) -> out.println("  " + role + " -> " + topic));
      if (app() == SideInstance.App.CLEANER) {
        out.println("  rules " + side.rules().version() + ": " + side.rules());
      }
      if (dryRun) {
        ResetPlan plan = ResetPlanner.plan(cluster, side.applicationId(), List.of(input), target, alignToObjects());
        out.println(plan.describe().replace("Internal topics to delete (the state is rebuilt from the replayed "
            + "input)", "Existing internal topics"));
        out.println("Dry run: nothing was created or started.");
        return 0;
      }
      out.flush();
      StatusLine status = new StatusLine(out);
      SideInstance.Outcome outcome = SideInstance.run(cluster, side, status::update);
      status.done();
      out.println("Side instance " + outcome.applicationId() + " caught up: " + String.format(Locale.ROOT, "%,d",
          outcome.inputRecords()) + " input record(s) replayed.");
      if (outcome.ledger() != null) {
        LedgerTotals.Counts lines = outcome.ledger().lines();
        LedgerTotals.Counts redriven = outcome.ledger().redriven();
        out.printf(Locale.ROOT, "  lines judged %,d: curated %,d, rejected %,d, duplicates %,d %s%n", lines.total(),
            lines.curated, lines.rejected, lines.duplicates, lines.rejectedByReason);
        if (redriven.total() > 0) {
          out.printf(Locale.ROOT, "  re-driven lines %,d: curated %,d, rejected %,d, duplicates %,d%n",
              redriven.total(), redriven.curated, redriven.rejected, redriven.duplicates);
        }
      }
      out.println("Outputs: " + String.join(", ", outcome.outputs().values()));
      return 0;
    }
  }

  @Command(
      name = "cleaner",
      header = "Re-run the cleaner from a time or offsets (in place, or as a side instance).",
      mixinStandardHelpOptions = true,
      description = {
        "Re-runs the cleaner from a time or offsets of listings.raw.v1. In place: resets the stopped "
          + "cleaner's group (refused while it runs), deletes its internal topics (state is rebuilt), and "
          + "prints the before/after offsets. With --side-instance NAME: runs a second cleaner here, from "
          + "that start, into backfill.NAME.listings.{curated,rejects,ledger}.v1, optionally with changed "
          + "rules (--rule). A start inside an object is moved back to the object's first line, so the "
          + "ledger stays exact.",
        ""
      },
      footer = {
        "",
        "Examples:",
        "  ./pipeline replay cleaner --to-datetime 2026-01-05T08:00:00Z --dry-run",
        "  ./pipeline replay cleaner --to-offsets 0=1200,1=980 --local-state-dir /data/state",
        "  ./pipeline replay cleaner --to-earliest --side-instance wider-area \\",
        "      --rule max-living-area=800"
      })
  static final class Cleaner extends AppReplay {
    @Option(names = "--rule", paramLabel = "KEY=VALUE",
        description = "Side instance: change a cleaning rule, e.g. max-living-area=800, "
            + "allowed-property-types=apartment,house,studio, property-type-synonyms.wohnung=apartment.")
    List<String> ruleOverrides = new ArrayList<>();

    @Option(names = "--no-align", negatable = false,
        description = "Do not move a start inside an object back to the object's first line.")
    boolean noAlign;

    @Override
    SideInstance.App app() {
      return SideInstance.App.CLEANER;
    }

    @Override
    boolean alignToObjects() {
      return !noAlign;
    }

    @Override
    CleaningRules rules() {
      if (!ruleOverrides.isEmpty() && sideInstance == null) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--rule changes the rules of a --side-instance; the cleaner's own rules are its configuration");
      }
      return RulesOverrides.apply(CleaningRules.defaults(), ruleOverrides);
    }
  }

  @Command(
      name = "usecases",
      header = "Re-run the use cases from a time or offsets (in place, or as a side instance).",
      mixinStandardHelpOptions = true,
      description = {
        "Re-runs the use cases from a time or offsets of listings.curated.v1 (in place, or with "
          + "--side-instance NAME into backfill.NAME.usecase.<name>.v1). Their state is rebuilt from the "
          + "replayed input only: start at the earliest offsets for a full recomputation.",
        ""
      },
      footer = {
        "",
        "Examples:",
        "  ./pipeline replay usecases --to-earliest --dry-run",
        "  ./pipeline replay usecases --to-earliest --side-instance fix-42 \\",
        "      --input-topic backfill.fix-42.listings.curated.v1"
      })
  static final class UseCases extends AppReplay {
    @Override
    SideInstance.App app() {
      return SideInstance.App.USECASES;
    }
  }

  @Command(
      name = "progress",
      header = "Show an application's progress through its input (rate, ETA).",
      mixinStandardHelpOptions = true,
      description = {
        "Shows an application's progress through its input with a progress bar (rate and ETA from the "
          + "consumer lag), until it has caught up with the input's end as it is now.",
        ""
      })
  static final class Progress implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ClusterOptions clusterOptions;

    @Option(names = "--app", paramLabel = "APP", description = "cleaner or usecases (default: ${DEFAULT-VALUE}).",
        defaultValue = "cleaner")
    String app;

    @Option(names = "--group", paramLabel = "GROUP", description = "Any consumer group (overrides --app).")
    String group;

    @Option(names = "--input-topic", paramLabel = "TOPIC", description = "The input topic (default: the app's).")
    String inputTopic;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "86400",
        description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      SideInstance.App which;
      try {
        which = SideInstance.App.valueOf(app.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--app must be cleaner or usecases");
      }
      try {
        Cluster cluster = clusterOptions.cluster();
        String groupId = group != null ? group : which.applicationId;
        String input = inputTopic != null ? inputTopic : which.inputTopic;
        return follow(cluster, groupId, List.of(input), null, out, Duration.ofSeconds(timeoutSeconds)) ? 0 : 1;
      } catch (OpsException e) {
        spec.commandLine().getErr().println("pipeline replay progress: " + e.getMessage());
        return 1;
      }
    }

    /** Follows {@code groupId} until it has caught up; {@code start} null means its committed offsets now. */
    static boolean follow(Cluster cluster, String groupId, List<String> inputTopics, Map<TopicPartition, Long> start,
        PrintWriter out, Duration timeout) {
      Map<TopicPartition, Long> target = GroupProgress.dataEnd(cluster, inputTopics);
      Map<TopicPartition, Long> from = start;
      if (from == null) {
        ResetPlan now = ResetPlanner.plan(cluster, groupId, inputTopics, new OffsetTarget.ToEarliest(), false);
        from = new HashMap<>();
        for (ResetPlan.Row row : now.rows()) {
          from.put(row.partition(), row.committed() == null ? row.offset() : row.committed());
        }
      }
      out.println("Following " + groupId + " to the end of " + String.join(", ", inputTopics) + " as it is now");
      StatusLine status = new StatusLine(out);
      long deadline = System.nanoTime() + timeout.toNanos();
      try (GroupProgress progress = new GroupProgress(cluster, groupId, from, target)) {
        while (System.nanoTime() < deadline) {
          GroupProgress.Snapshot snapshot = progress.poll();
          status.update(snapshot.render("records"));
          if (snapshot.caughtUp()) {
            status.done();
            out.println(groupId + " has caught up.");
            return true;
          }
          Thread.sleep(1000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      status.done();
      out.println(groupId + " has not caught up yet.");
      return false;
    }
  }

  static String format(Map<TopicPartition, Long> offsets, Iterable<TopicPartition> order) {
    List<String> items = new ArrayList<>();
    for (TopicPartition tp : order) {
      items.add(tp.topic() + ":" + tp.partition() + "=" + offsets.get(tp));
    }
    return String.join(", ", items);
  }
}
