package dev.listings.local.cli;

import dev.listings.local.run.Ledger;
import dev.listings.local.run.LedgerWatcher;
import dev.listings.local.run.ObjectRef;
import dev.listings.local.run.PipelineRun;
import dev.listings.local.run.Progress;
import dev.listings.local.run.RunSummary;
import dev.listings.local.run.Uploader;
import dev.listings.local.stack.LocalStack;
import dev.listings.local.stack.StackOptions;
import dev.listings.local.stack.UseCases;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the stack, feeds it files, and waits until every line is accounted for and every table is committed. */
final class StackSession {
  private static final Logger LOG = LoggerFactory.getLogger(StackSession.class);

  private StackSession() {}

  /** The stack did not come up; the message says why in one line. */
  static final class StartFailed extends Exception {
    StartFailed(String reason) {
      super("the local stack did not start: " + reason + " (details in the log: "
          + System.getProperty("pipeline.log.dir", ".pipeline/logs") + "/pipeline.log)");
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  /** Starts the stack; the caller closes it. Prefer {@link #start(StackLifecycle, StackOptions, PrintStream)}. */
  static LocalStack start(StackOptions options, PrintStream out) throws Exception {
    try (StackLifecycle unowned = StackLifecycle.detached("pipeline", System.err)) {
      return unowned.release(start(unowned, options, out));
    }
  }

  /**
   * Starts the stack under {@code lifecycle}, which owns it before the first part starts, so that Ctrl-C during the
   * start stops what is up.
   *
   * @throws StartFailed when a part does not start (a busy port, an unwritable state folder, ...): one line for the
   *     user, the details in the log file
   */
  static LocalStack start(StackLifecycle lifecycle, StackOptions options, PrintStream out) throws Exception {
    Progress progress = new Progress(out);
    long started = System.currentTimeMillis();
    LocalStack stack = lifecycle.own(LocalStack.create(options));
    try {
      stack.start(step -> progress.update(step + " ..."));
    } catch (LocalStack.StoppedWhileStarting e) {
      throw e;
    } catch (Exception e) {
      if (lifecycle.interrupted()) {
        throw e;
      }
      LOG.error("The local stack did not start", e);
      throw new StartFailed(rootMessage(e));
    }
    progress.done(
        String.format(
            Locale.ROOT,
            "Local stack up in %.1f s (state in %s):",
            (System.currentTimeMillis() - started) / 1000.0,
            options.stateDir().toAbsolutePath()));
    out.println(stack.endpoints().describe());
    out.println("  Endpoints file   " + options.stateDir().resolve("endpoints.json").toAbsolutePath());
    return stack;
  }

  /** Uploads {@code files} under {@code prefix} and returns the summary once they are fully processed. */
  static RunSummary process(LocalStack stack, List<Path> files, String prefix, Duration stallTimeout, PrintStream out)
      throws Exception {
    Progress progress = new Progress(out);
    try (LedgerWatcher watcher = new LedgerWatcher(stack.endpoints().kafkaBootstrapServers());
        Uploader uploader = new Uploader(stack.endpoints())) {
      long started = System.currentTimeMillis();
      List<ObjectRef> objects = new ArrayList<>();
      long bytes = 0;
      for (Path file : files) {
        progress.update("uploading " + file.getFileName() + " to s3://" + stack.endpoints().landingBucket() + "/"
            + prefix);
        Uploader.Uploaded uploaded = uploader.upload(file, prefix);
        objects.add(uploaded.object());
        bytes += uploaded.bytes();
      }
      progress.done(
          String.format(Locale.ROOT, "Uploaded %d object(s), %,d bytes, to s3://%s/%s", objects.size(), bytes,
              stack.endpoints().landingBucket(), prefix));
      PipelineRun run = new PipelineRun(stack, watcher, progress, stallTimeout);
      run.awaitAccounted(objects, started);
      run.awaitDownstream(UseCases.APPLICATION_ID, UseCases.topics());
      long elapsed = System.currentTimeMillis() - started;
      progress.done("Every line accounted for; use cases and tables up to date.");
      Map<ObjectRef, Ledger.ObjectCounts> all = watcher.perObject();
      return RunSummary.of(all.values(), watcher.rejectedByReason(), elapsed);
    }
  }

  static void printSummary(RunSummary summary, PrintStream out) {
    out.printf(Locale.ROOT, "%nLines read   %,10d%n", summary.lines());
    out.printf(Locale.ROOT, "  curated    %,10d%n", summary.curated());
    out.printf(Locale.ROOT, "  rejected   %,10d%n", summary.rejected());
    summary.rejectedByReason().forEach((reason, n) -> out.printf(Locale.ROOT, "    %-30s %,8d%n", reason, n));
    out.printf(Locale.ROOT, "  duplicates %,10d%n", summary.duplicates());
    out.printf(
        Locale.ROOT,
        "%s in %.1f s (%,.0f lines/s)%n",
        summary.balanced() ? "Balanced: lines = curated + rejected + duplicates" : "NOT BALANCED",
        summary.elapsedMs() / 1000.0,
        summary.recordsPerSecond());
  }
}
