package dev.listings.local.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.tools.StreamsResetter;

/**
 * Resets a stopped Kafka Streams application to a {@link ResetPlan} with Kafka's own reset tool ({@code
 * kafka-streams-application-reset}, used as a library): the input offsets are committed from the plan, the internal
 * topics are deleted (so the state is rebuilt from the replayed input), and the instance's local state folder is
 * wiped when given. Refused while the application's group has members.
 */
public final class AppReset {
  /** What the reset left: committed offsets and the internal topics still listed (deletion is asynchronous). */
  public record Result(Map<TopicPartition, Long> committed, List<String> internalTopicsLeft, Path wipedState,
      String toolOutput) {}

  private AppReset() {}

  public static Result execute(Cluster cluster, ResetPlan plan, List<String> inputTopics, Path localStateDir) {
    return execute(cluster, plan, inputTopics, localStateDir, false);
  }

  /**
   * @param removeMembers remove the group's members first: for members left by stopped instances whose session has
   *     not expired yet ({@code session.timeout.ms}); only when every instance is stopped
   */
  public static Result execute(Cluster cluster, ResetPlan plan, List<String> inputTopics, Path localStateDir,
      boolean removeMembers) {
    if (plan.groupActive() && !removeMembers) {
      throw new OpsException("Application " + plan.applicationId() + " is running (" + plan.activeMembers().size()
          + " active member(s): " + String.join(", ", plan.activeMembers()) + "). Stop every instance, then run this "
          + "again; nothing was changed. A stopped instance stays a member until its session times out "
          + "(session.timeout.ms, 45 s by default); --force removes such members. (Or use --side-instance to replay "
          + "beside the running application.)");
    }
    Path planFile = null;
    try {
      planFile = Files.createTempFile("reset-plan-", ".csv");
      StringBuilder csv = new StringBuilder();
      plan.offsets().forEach((tp, offset) ->
          csv.append(tp.topic()).append(',').append(tp.partition()).append(',').append(offset).append('\n'));
      Files.writeString(planFile, csv.toString().strip(), StandardCharsets.UTF_8);
      List<String> args = new ArrayList<>(List.of(
          "--application-id", plan.applicationId(),
          "--bootstrap-server", cluster.bootstrapServers(),
          "--input-topics", String.join(",", inputTopics),
          "--from-file", planFile.toString()));
      if (removeMembers) {
        args.add("--force");
      }
      if (cluster.commandConfig() != null) {
        args.add("--command-config");
        args.add(cluster.commandConfig().toString());
      }
      Properties consumerConfig = new Properties();
      consumerConfig.putAll(cluster.clientConfig());
      String output;
      int exit;
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      PrintStream stdout = System.out;
      PrintStream stderr = System.err;
      try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
        System.setOut(capture);
        System.setErr(capture);
        exit = new StreamsResetter().execute(args.toArray(String[]::new), consumerConfig);
      } finally {
        System.setOut(stdout);
        System.setErr(stderr);
      }
      output = captured.toString(StandardCharsets.UTF_8);
      if (exit != 0) {
        throw new OpsException("The reset tool failed (exit " + exit + "):" + System.lineSeparator() + output.strip());
      }
      Path wiped = wipeLocalState(localStateDir, plan.applicationId());
      try (Admin admin = cluster.admin()) {
        Map<TopicPartition, Long> committed = ResetPlanner.committedOffsets(admin, plan.applicationId());
        for (Map.Entry<TopicPartition, Long> wanted : plan.offsets().entrySet()) {
          Long now = committed.get(wanted.getKey());
          if (now == null || now.longValue() != wanted.getValue()) {
            throw new OpsException("After the reset " + wanted.getKey() + " is at " + now + ", not "
                + wanted.getValue() + " as planned; tool output:" + System.lineSeparator() + output.strip());
          }
        }
        List<String> left = ResetPlanner.internalTopics(admin, plan.applicationId());
        return new Result(committed, left, wiped, output);
      }
    } catch (IOException e) {
      throw new OpsException("Writing the reset plan failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpsException("Interrupted", e);
    } catch (ExecutionException e) {
      throw new OpsException("Reading the group's offsets after the reset failed: " + e.getCause(), e.getCause());
    } finally {
      if (planFile != null) {
        try {
          Files.deleteIfExists(planFile);
        } catch (IOException ignored) {
          // a temporary file
        }
      }
    }
  }

  /** Deletes {@code <stateDir>/<applicationId>} (what {@code KafkaStreams#cleanUp()} removes); null when absent. */
  static Path wipeLocalState(Path stateDir, String applicationId) throws IOException {
    if (stateDir == null) {
      return null;
    }
    Path appDir = stateDir.resolve(applicationId);
    if (!Files.exists(appDir)) {
      return null;
    }
    try (Stream<Path> paths = Files.walk(appDir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
    return appDir;
  }
}
