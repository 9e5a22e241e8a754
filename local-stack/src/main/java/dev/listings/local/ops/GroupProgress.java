package dev.listings.local.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows a consumer group through a replay from its committed offsets: how many of the input records between the
 * start and the target offsets it has committed, at what rate, and whether it has caught up on its internal
 * (repartition) topics too. Lag-based, so it works on any cluster for any instance of the application.
 */
public final class GroupProgress implements AutoCloseable {
  /** One observation. */
  public record Snapshot(long done, long total, double rate, boolean inputDone, boolean internalDone) {
    public boolean caughtUp() {
      return inputDone && internalDone;
    }

    public String render(String unit) {
      return ProgressBar.render(done, total, rate, unit, 30);
    }
  }

  private final Admin admin;
  private final KafkaConsumer<byte[], byte[]> reader;
  private final String groupId;
  private final Map<TopicPartition, Long> start;
  private final Map<TopicPartition, Long> target;
  private final ProgressBar.Rate rate = new ProgressBar.Rate();

  /**
   * @param start where the group starts in each input partition
   * @param target where it is done in each input partition (use {@link #dataEnd} of the end offsets)
   */
  public GroupProgress(Cluster cluster, String groupId, Map<TopicPartition, Long> start,
      Map<TopicPartition, Long> target) {
    this.admin = cluster.admin();
    this.reader = cluster.reader();
    this.groupId = groupId;
    this.start = Map.copyOf(start);
    this.target = Map.copyOf(target);
  }

  /** The data end (see {@link DataEnd}) of every partition of {@code topics}, now. */
  public static Map<TopicPartition, Long> dataEnd(Cluster cluster, List<String> topics) {
    try (Admin admin = cluster.admin(); KafkaConsumer<byte[], byte[]> reader = cluster.reader()) {
      List<TopicPartition> partitions = ResetPlanner.partitions(admin, topics);
      return DataEnd.of(reader, ResetPlanner.offsets(admin, partitions, OffsetSpec.earliest()),
          ResetPlanner.offsets(admin, partitions, OffsetSpec.latest()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpsException("Interrupted", e);
    } catch (ExecutionException e) {
      throw new OpsException("Reading offsets failed: " + e.getCause(), e.getCause());
    }
  }

  public Snapshot poll() {
    try {
      Map<TopicPartition, Long> committed = ResetPlanner.committedOffsets(admin, groupId);
      long done = 0;
      long total = 0;
      boolean inputDone = true;
      for (Map.Entry<TopicPartition, Long> t : target.entrySet()) {
        long from = start.getOrDefault(t.getKey(), 0L);
        long now = committed.getOrDefault(t.getKey(), from);
        total += Math.max(0, t.getValue() - from);
        done += Math.max(0, Math.min(now, t.getValue()) - from);
        inputDone &= now >= t.getValue();
      }
      boolean internalDone = inputDone && internalCaughtUp(committed);
      return new Snapshot(done, total, rate.update(done, System.currentTimeMillis()), inputDone, internalDone);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpsException("Interrupted", e);
    } catch (ExecutionException e) {
      throw new OpsException("Reading the progress of " + groupId + " failed: " + e.getCause(), e.getCause());
    }
  }

  private boolean internalCaughtUp(Map<TopicPartition, Long> committed)
      throws InterruptedException, ExecutionException {
    List<TopicPartition> internal = new ArrayList<>();
    committed.keySet().stream().filter(tp -> !target.containsKey(tp)).forEach(internal::add);
    if (internal.isEmpty()) {
      return true;
    }
    Map<TopicPartition, Long> begin = ResetPlanner.offsets(admin, internal, OffsetSpec.earliest());
    Map<TopicPartition, Long> end = ResetPlanner.offsets(admin, internal, OffsetSpec.latest());
    Map<TopicPartition, Long> behind = new HashMap<>();
    for (TopicPartition tp : internal) {
      if (committed.get(tp) < end.get(tp)) {
        behind.put(tp, end.get(tp));
      }
    }
    for (Map.Entry<TopicPartition, Long> e : behind.entrySet()) {
      if (committed.get(e.getKey()) < DataEnd.of(reader, e.getKey(), begin.get(e.getKey()), e.getValue())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    reader.close();
    admin.close();
  }
}
