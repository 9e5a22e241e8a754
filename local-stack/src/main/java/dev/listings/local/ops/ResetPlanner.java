package dev.listings.local.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.tools.StreamsResetter;

/** Works out a {@link ResetPlan} from the cluster's current state; changes nothing. */
public final class ResetPlanner {
  private ResetPlanner() {}

  /**
   * @param alignToObjects move each partition's start back to the first line of an object it would cut (for the
   *     cleaner, whose ledger counts per object)
   */
  public static ResetPlan plan(Cluster cluster, String applicationId, List<String> inputTopics, OffsetTarget target,
      boolean alignToObjects) {
    try (Admin admin = cluster.admin()) {
      List<TopicPartition> partitions = partitions(admin, inputTopics);
      Map<TopicPartition, Long> committed = committedOffsets(admin, applicationId);
      Map<TopicPartition, Long> begin = offsets(admin, partitions, OffsetSpec.earliest());
      Map<TopicPartition, Long> end = offsets(admin, partitions, OffsetSpec.latest());
      Map<TopicPartition, Long> requested = targets(admin, partitions, target, committed, begin, end);
      List<ResetPlan.Row> rows = new ArrayList<>();
      try (KafkaConsumer<byte[], byte[]> reader = alignToObjects ? cluster.reader() : null) {
        for (TopicPartition partition : partitions) {
          long wanted = requested.get(partition);
          ObjectAlignment.Aligned aligned = alignToObjects
              ? ObjectAlignment.align(reader, partition, wanted, begin.get(partition), end.get(partition))
              : new ObjectAlignment.Aligned(wanted, null);
          rows.add(new ResetPlan.Row(partition, committed.get(partition), wanted, aligned.offset(),
              end.get(partition), aligned.object()));
        }
      }
      return new ResetPlan(applicationId, target.describe(), activeMembers(admin, applicationId), rows,
          internalTopics(admin, applicationId));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpsException("Interrupted while reading the cluster's state", e);
    } catch (ExecutionException e) {
      throw new OpsException("Reading the cluster's state failed: " + e.getCause(), e.getCause());
    }
  }

  static List<TopicPartition> partitions(Admin admin, List<String> topics)
      throws InterruptedException, ExecutionException {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      TopicDescription description;
      try {
        description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UnknownTopicOrPartitionException) {
          throw new OpsException("Topic " + topic + " does not exist on this cluster");
        }
        throw e;
      }
      description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }
    partitions.sort(ResetPlan::compare);
    return partitions;
  }

  /** The group's committed offsets (empty when the group has none). */
  static Map<TopicPartition, Long> committedOffsets(Admin admin, String groupId)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, Long> committed = new HashMap<>();
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
      offsets.forEach((tp, om) -> {
        if (om != null) {
          committed.put(tp, om.offset());
        }
      });
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof GroupIdNotFoundException)) {
        throw e;
      }
    }
    return committed;
  }

  /** Offsets of committed data (read_committed view). */
  static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(p -> request.put(p, spec));
    Map<TopicPartition, Long> offsets = new HashMap<>();
    if (request.isEmpty()) {
      return offsets;
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin
        .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
    result.forEach((tp, info) -> offsets.put(tp, info.offset()));
    return offsets;
  }

  static Map<TopicPartition, Long> targets(Admin admin, List<TopicPartition> partitions, OffsetTarget target,
      Map<TopicPartition, Long> committed, Map<TopicPartition, Long> begin, Map<TopicPartition, Long> end)
      throws InterruptedException, ExecutionException {
    Map<TopicPartition, Long> targets = new HashMap<>();
    if (target instanceof OffsetTarget.ToDatetime datetime) {
      Map<TopicPartition, Long> byTime =
          offsets(admin, partitions, OffsetSpec.forTimestamp(datetime.time().toEpochMilli()));
      // No record at or after the time: the partition has nothing to replay, so it starts at its end.
      partitions.forEach(p -> targets.put(p, byTime.get(p) == null || byTime.get(p) < 0 ? end.get(p)
          : byTime.get(p)));
    } else if (target instanceof OffsetTarget.ToOffsets given) {
      for (TopicPartition p : given.offsets().keySet()) {
        if (!partitions.contains(p)) {
          throw new OpsException(p + " is not an input partition; input partitions: " + partitions);
        }
      }
      partitions.forEach(p -> targets.put(p, given.offsets().containsKey(p) ? given.offsets().get(p)
          : committed.getOrDefault(p, begin.get(p))));
    } else {
      partitions.forEach(p -> targets.put(p, begin.get(p)));
    }
    partitions.forEach(p -> targets.put(p, Math.max(begin.get(p), Math.min(end.get(p), targets.get(p)))));
    return targets;
  }

  static List<String> activeMembers(Admin admin, String groupId) throws InterruptedException, ExecutionException {
    try {
      ConsumerGroupDescription group =
          admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId).get();
      return group.members().stream().map(ResetPlanner::describe).sorted().toList();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return List.of();
      }
      throw e;
    }
  }

  private static String describe(MemberDescription member) {
    return member.clientId() + "@" + member.host();
  }

  /** The application's internal topics (repartition and changelog topics), as the reset tool infers them. */
  static List<String> internalTopics(Admin admin, String applicationId)
      throws InterruptedException, ExecutionException {
    return admin.listTopics().names().get().stream()
        .filter(t -> t.startsWith(applicationId + "-") && StreamsResetter.matchesInternalTopicFormat(t))
        .sorted(Comparator.naturalOrder())
        .toList();
  }
}
