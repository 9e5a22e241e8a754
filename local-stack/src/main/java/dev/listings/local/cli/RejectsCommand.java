package dev.listings.local.cli;

import dev.listings.local.ops.Cluster;
import dev.listings.local.ops.LedgerTotals;
import dev.listings.local.ops.OpsException;
import dev.listings.local.ops.RedriveJournal;
import dev.listings.local.ops.Redriver;
import dev.listings.local.ops.RejectFilter;
import dev.listings.local.ops.RejectRecord;
import dev.listings.local.ops.RejectsReport;
import dev.listings.local.ops.StatusLine;
import dev.listings.schemas.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./pipeline rejects}: list, summarise and re-drive the cleaner's rejects. */
@Command(
    name = "rejects",
    header = "List, summarise and re-drive rejects.",
    mixinStandardHelpOptions = true,
    description = {
      "Lists and summarises the rejects (by reason, source object and time, with samples of the raw "
        + "text), and re-drives selected rejects (or a file of corrected lines) back to listings.raw.v1, "
        + "to be judged again by the current rules. Works against the local stack or any cluster "
        + "(--bootstrap-servers, --command-config).",
      ""
    },
    subcommands = {
      RejectsCommand.ListRejects.class,
      RejectsCommand.Summary.class,
      RejectsCommand.Redrive.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Examples:",
      "  ./pipeline rejects summary",
      "  ./pipeline rejects list --reason AREA_OUT_OF_RANGE --source 'incoming/*'",
      "  ./pipeline rejects list --reason AREA_OUT_OF_RANGE --json > fix.jsonl",
      "      (edit \"raw\" in fix.jsonl, then:)",
      "  ./pipeline rejects redrive --file fix.jsonl",
      "  ./pipeline rejects redrive --reason PROPERTY_TYPE_EXCLUDED --dry-run",
      "See docs/operations.md (also for Kafka UI filters)."
    })
final class RejectsCommand implements Runnable {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: list, summary or redrive");
  }

  /** Options every rejects command has. */
  abstract static class Base implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ClusterOptions clusterOptions;
    @Mixin RejectFilterOptions filterOptions;

    @Option(names = "--rejects-topic", paramLabel = "TOPIC", defaultValue = Topics.REJECTS,
        description = "Rejects topic (default: ${DEFAULT-VALUE}).")
    String rejectsTopic;

    @Option(names = "--journal-topic", paramLabel = "TOPIC", defaultValue = RedriveJournal.TOPIC,
        description = "Re-drive journal topic (default: ${DEFAULT-VALUE}).")
    String journalTopic;

    abstract int run(Cluster cluster, RejectFilter filter, PrintWriter out);

    /** Checks the options before the cluster is contacted. */
    void validate(RejectFilter filter) {}

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try {
        RejectFilter filter = filterOptions.filter();
        validate(filter);
        return run(clusterOptions.cluster(), filter, out);
      } catch (OpsException e) {
        out.flush();
        spec.commandLine().getErr().println("pipeline rejects " + spec.name() + ": " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(
      name = "list",
      header = "List rejects with their raw text (or as JSON).",
      mixinStandardHelpOptions = true,
      description = {
        "Lists rejects, oldest first: when, reason, source line, id, re-drive run and the raw text; with "
          + "--json the reject records themselves, one per line (edit \"raw\" and re-drive the file with "
          + "redrive --file).",
        ""
      })
  static final class ListRejects extends Base {
    @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
        description = "Show at most N (the latest N); 0 for all (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print the reject records (JSON, one per line).")
    boolean json;

    @Option(names = "--raw-width", paramLabel = "N", defaultValue = "80",
        description = "Characters of raw text shown per line (default: ${DEFAULT-VALUE}).")
    int rawWidth;

    @Override
    int run(Cluster cluster, RejectFilter filter, PrintWriter out) {
      List<RejectRecord> rejects = RejectsReport.read(cluster, rejectsTopic, filter);
      List<RejectRecord> shown = limit > 0 && rejects.size() > limit
          ? rejects.subList(rejects.size() - limit, rejects.size()) : rejects;
      if (json) {
        shown.forEach(r -> out.println(r.json().toString()));
        return 0;
      }
      out.println(RejectsReport.list(shown, rawWidth));
      out.printf(Locale.ROOT, "%,d of %,d %s%n", shown.size(), rejects.size(), filter.describe());
      return 0;
    }
  }

  @Command(
      name = "summary",
      header = "Summarise rejects by reason, source and time, with samples.",
      mixinStandardHelpOptions = true,
      description = {
        "Summarises rejects: counts by reason, by source object and by time, how many rejected lines are "
          + "still rejected after re-drives, and samples of each reason with their raw text.",
        ""
      })
  static final class Summary extends Base {
    @Option(names = "--samples", paramLabel = "N", defaultValue = "3",
        description = "Samples shown per reason (default: ${DEFAULT-VALUE}).")
    int samples;

    @Override
    int run(Cluster cluster, RejectFilter filter, PrintWriter out) {
      List<RejectRecord> rejects = RejectsReport.read(cluster, rejectsTopic, filter);
      out.println(filter.describe() + " in " + rejectsTopic + " on " + cluster.bootstrapServers());
      out.println(RejectsReport.summary(rejects, RedriveJournal.read(cluster, journalTopic), samples));
      return 0;
    }
  }

  @Command(
      name = "redrive",
      header = "Send rejects (or corrected lines) back to be judged again.",
      mixinStandardHelpOptions = true,
      description = {
        "Sends rejected lines back to listings.raw.v1 with their original provenance headers plus "
          + "redrive.of (s3://bucket/key@etag#line) and redrive.id (this run), so the current rules judge "
          + "them again. The cleaner counts their outcomes under the run, apart from the objects' balance: a "
          + "re-driven line now curated is counted once, as re-driven. A line whose latest re-drive was not "
          + "rejected again is not sent again (unless --again). Select by --reason/--source/--from/--to (or "
          + "--all), or give --file with corrected reject records (from list --json, \"raw\" edited).",
        ""
      })
  static final class Redrive extends Base {
    @Option(names = "--file", paramLabel = "FILE",
        description = "Reject records (JSON lines, as from list --json) whose \"raw\" a person corrected.")
    Path file;

    @Option(names = "--all", description = "Re-drive every rejected line (without a selection, nothing is sent).")
    boolean all;

    @Option(names = "--again", description = "Also send lines whose latest re-drive was not rejected again.")
    boolean again;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
        description = "Send at most N lines (0: no limit).")
    int limit;

    @Option(names = "--dry-run", description = "Show what would be sent; send nothing.")
    boolean dryRun;

    @Option(names = "--no-wait", description = "Do not wait for the cleaner to judge the lines.")
    boolean noWait;

    @Option(names = "--wait-timeout", paramLabel = "SECONDS", defaultValue = "120",
        description = "How long to wait for the outcome (default: ${DEFAULT-VALUE}).")
    long waitSeconds;

    @Option(names = "--raw-topic", paramLabel = "TOPIC", defaultValue = Topics.RAW,
        description = "Raw topic (default: ${DEFAULT-VALUE}).")
    String rawTopic;

    @Option(names = "--ledger-topic", paramLabel = "TOPIC", defaultValue = Topics.LEDGER,
        description = "Ledger topic (default: ${DEFAULT-VALUE}).")
    String ledgerTopic;

    @Override
    void validate(RejectFilter filter) {
      if (file != null && !filter.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--file re-drives the lines in the file; it does not combine with --reason, --source, --from or --to");
      }
      if (file == null && filter.isEmpty() && !all) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "Say which rejects: --reason, --source, --from/--to, --file, or --all for every rejected line");
      }
      if (file != null && (all || limit > 0)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--all and --limit do not go with --file");
      }
    }

    @Override
    int run(Cluster cluster, RejectFilter filter, PrintWriter out) {
      Redriver.RedriveTopics topics = new Redriver.RedriveTopics(rawTopic, rejectsTopic, ledgerTopic, journalTopic);
      Clock clock = Clock.systemUTC();
      Redriver.Plan plan = file != null
          ? Redriver.planFromFile(cluster, topics, file, again, clock)
          : Redriver.plan(cluster, topics, filter, again, limit, clock);
      out.printf(Locale.ROOT, "Re-drive %s of %s: %,d line(s) matched, %,d to send%n", plan.run(),
          file != null ? "corrected lines in " + file : filter.describe(), plan.matched(), plan.selected().size());
      plan.selectedByReason().forEach((reason, n) -> out.printf(Locale.ROOT, "  %-30s %,8d%n", reason, n));
      plan.skipped().forEach((why, n) -> out.printf(Locale.ROOT, "  not sent: %,d, %s%n", n, why));
      plan.selected().stream().limit(5).forEach(c -> out.println("  e.g. " + c.line() + "  "
          + cut(c.text(), 100)));
      if (dryRun) {
        out.println("Dry run: nothing was sent.");
        return 0;
      }
      if (plan.selected().isEmpty()) {
        out.println("Nothing to send.");
        return 0;
      }
      int sent = Redriver.send(cluster, topics, plan, clock);
      out.printf(Locale.ROOT, "Sent %,d line(s) to %s (header redrive.id=%s)%n", sent, rawTopic, plan.run());
      if (noWait) {
        return 0;
      }
      out.flush();
      StatusLine status = new StatusLine(out);
      LedgerTotals.Counts outcome = Redriver.await(cluster, ledgerTopic, plan.run(), sent,
          Duration.ofSeconds(waitSeconds), status::update);
      status.done();
      out.printf(Locale.ROOT, "Judged again %,d of %,d: curated %,d, duplicates %,d, rejected again %,d %s%n",
          outcome.total(), sent, outcome.curated, outcome.duplicates, outcome.rejected, outcome.rejectedByReason);
      if (outcome.total() < sent) {
        out.println("Not all lines were judged yet (is the cleaner running?); see ./pipeline rejects summary later.");
        return 1;
      }
      return 0;
    }

    private static String cut(String text, int width) {
      String line = text.replace("\n", "\\n");
      return line.length() <= width ? line : line.substring(0, width - 1) + "…";
    }
  }
}
