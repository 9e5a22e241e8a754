package dev.listings.local.run;

import dev.listings.local.stack.LocalStack;
import dev.listings.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows a set of uploaded objects through the running stack: waits until every line is accounted for (curated,
 * rejected or duplicate), then until the use cases and the table sink have processed everything the cleaner wrote.
 * Fails with a clear message when an object fails or when nothing moves for the stall timeout.
 */
public final class PipelineRun {
  /** Why a run could not account for every line. */
  public static final class RunFailed extends Exception {
    public RunFailed(String message) {
      super(message);
    }
  }

  private final LocalStack stack;
  private final LedgerWatcher watcher;
  private final Progress progress;
  private final Duration stallTimeout;

  public PipelineRun(LocalStack stack, LedgerWatcher watcher, Progress progress, Duration stallTimeout) {
    this.stack = stack;
    this.watcher = watcher;
    this.progress = progress;
    this.stallTimeout = stallTimeout;
  }

  /** Blocks until every given object is fully accounted for; returns the counts of those objects. */
  public Map<ObjectRef, Ledger.ObjectCounts> awaitAccounted(Collection<ObjectRef> objects, long startedAt)
      throws RunFailed, InterruptedException {
    long lastChange = System.currentTimeMillis();
    long lastAccounted = -1;
    while (true) {
      Map<ObjectRef, Ledger.ObjectCounts> counts = countsOf(objects);
      long read = counts.values().stream().mapToLong(c -> Math.max(0, c.linesRead())).sum();
      long accounted = counts.values().stream().mapToLong(Ledger.ObjectCounts::accounted).sum();
      long done = counts.values().stream().filter(Ledger.ObjectCounts::complete).count();
      List<String> failed =
          counts.entrySet().stream()
              .filter(e -> e.getValue().failed())
              .map(e -> e.getKey() + ": " + e.getValue().error())
              .toList();
      if (!failed.isEmpty()) {
        throw new RunFailed("Ingest failed for " + String.join("; ", failed));
      }
      if (done == objects.size()) {
        return counts;
      }
      long now = System.currentTimeMillis();
      progress.update(
          String.format(
              Locale.ROOT,
              "objects %d/%d done · lines read %,d · accounted %,d (%s)",
              done,
              objects.size(),
              read,
              accounted,
              Progress.rate(accounted, now - startedAt)));
      if (accounted != lastAccounted) {
        lastAccounted = accounted;
        lastChange = now;
      } else if (now - lastChange > stallTimeout.toMillis()) {
        throw new RunFailed(unaccountedReport(counts));
      }
      Thread.sleep(200);
    }
  }

  /** Blocks until the use-case app and the table sink have processed everything committed so far. */
  public void awaitDownstream(String useCaseGroup, List<String> useCaseTopics)
      throws RunFailed, InterruptedException {
    long deadline = System.currentTimeMillis() + stallTimeout.toMillis();
    try (Downstream downstream = new Downstream(stack.endpoints().kafkaBootstrapServers())) {
      Map<TopicPartition, Long> curatedEnd = downstream.endOffsets(List.of(Topics.CURATED));
      while (!Downstream.caughtUp(curatedEnd, downstream.committed(useCaseGroup))) {
        progress.update("use cases catching up with the curated topic");
        checkDeadline(deadline, "the use cases did not process the curated topic");
        Thread.sleep(200);
      }
      List<String> tableTopics = new ArrayList<>(useCaseTopics);
      tableTopics.add(Topics.CURATED);
      Map<TopicPartition, Long> tableEnd = downstream.endOffsets(tableTopics);
      while (!Downstream.caughtUp(tableEnd, stack.sink().committedOffsets())) {
        // Everything the tables will hold is on the topics now: no need for the sink to wait for a full batch.
        stack.sink().commitWhenCaughtUp();
        progress.update("tables catching up (Iceberg commits)");
        if (stack.sink().failure().isPresent()) {
          throw new RunFailed("The table sink stopped: " + stack.sink().failure().get().getMessage());
        }
        checkDeadline(deadline, "the table sink did not commit every record");
        Thread.sleep(200);
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new RunFailed("Cannot read consumer offsets: " + e.getCause().getMessage());
    }
  }

  private static void checkDeadline(long deadline, String what) throws RunFailed {
    if (System.currentTimeMillis() > deadline) {
      throw new RunFailed("Timed out: " + what);
    }
  }

  private Map<ObjectRef, Ledger.ObjectCounts> countsOf(Collection<ObjectRef> objects) {
    Map<ObjectRef, Ledger.ObjectCounts> all = watcher.perObject();
    Set<ObjectRef> wanted = Set.copyOf(objects);
    return wanted.stream()
        .collect(
            Collectors.toMap(
                o -> o,
                o -> all.getOrDefault(o, new Ledger.ObjectCounts(-1, "waiting for ingest", null, 0, 0, 0))));
  }

  private static String unaccountedReport(Map<ObjectRef, Ledger.ObjectCounts> counts) {
    StringBuilder report = new StringBuilder("Not every line was accounted for:");
    counts.forEach(
        (object, c) -> {
          if (!c.complete()) {
            report.append(System.lineSeparator())
                .append(String.format(
                    Locale.ROOT,
                    "  %s: status %s, lines read %s, curated %d, rejected %d, duplicates %d",
                    object,
                    c.status(),
                    c.linesRead() < 0 ? "unknown" : Long.toString(c.linesRead()),
                    c.curated(),
                    c.rejected(),
                    c.duplicates()));
          }
        });
    return report.toString();
  }
}
