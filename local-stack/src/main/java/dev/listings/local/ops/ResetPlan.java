package dev.listings.local.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * What a reset of a Kafka Streams application will change: for each input partition the committed offset now and
 * the new one, the internal topics that will be deleted, and who is still in the group.
 *
 * @param activeMembers the group's members (client ids and hosts): a reset is refused while there is any
 */
public record ResetPlan(
    String applicationId, String target, List<String> activeMembers, List<Row> rows, List<String> internalTopics) {

  /**
   * One input partition.
   *
   * @param committed the group's committed offset, or null when it has none
   * @param requested the offset the target asked for, before alignment to an object's first line
   * @param alignedObject the object whose first line the start was moved back to, or null
   */
  public record Row(TopicPartition partition, Long committed, long requested, long offset, long end,
      String alignedObject) {
    /** How far the group goes back (negative when it moves forward). */
    public long rewind() {
      return committed == null ? 0 : committed - offset;
    }

    /** Records the application will read from the new offset to the current end. */
    public long toProcess() {
      return Math.max(0, end - offset);
    }
  }

  public ResetPlan {
    activeMembers = List.copyOf(activeMembers);
    rows = List.copyOf(rows);
    internalTopics = List.copyOf(internalTopics);
  }

  public boolean groupActive() {
    return !activeMembers.isEmpty();
  }

  /** The new offsets, by partition. */
  public Map<TopicPartition, Long> offsets() {
    Map<TopicPartition, Long> offsets = new TreeMap<>(ResetPlan::compare);
    rows.forEach(r -> offsets.put(r.partition(), r.offset()));
    return offsets;
  }

  public long toProcess() {
    return rows.stream().mapToLong(Row::toProcess).sum();
  }

  /** The plan as the command prints it: a before/after table, the topics to delete, the group's state. */
  public String describe() {
    List<String> lines = new ArrayList<>();
    lines.add("Application " + applicationId + ": reset its input to " + target);
    lines.add(activeMembers.isEmpty() ? "  Consumer group: no active members"
        : "  Consumer group: " + activeMembers.size() + " ACTIVE member(s): " + String.join(", ", activeMembers));
    lines.add(Table.render(
        List.of("topic", "partition", "committed", "new offset", "rewind", "to process", "end", "note"),
        rows.stream().map(r -> List.of(
            r.partition().topic(),
            Integer.toString(r.partition().partition()),
            r.committed() == null ? "-" : Long.toString(r.committed()),
            Long.toString(r.offset()),
            String.format(Locale.ROOT, "%,d", r.rewind()),
            String.format(Locale.ROOT, "%,d", r.toProcess()),
            Long.toString(r.end()),
            r.alignedObject() == null ? "" : "moved back from " + r.requested() + " to the first line of "
                + r.alignedObject())).toList(),
        "  "));
    lines.add(internalTopics.isEmpty() ? "  Internal topics to delete: none"
        : "  Internal topics to delete (the state is rebuilt from the replayed input): "
            + String.join(", ", internalTopics));
    return String.join(System.lineSeparator(), lines);
  }

  static int compare(TopicPartition a, TopicPartition b) {
    int byTopic = a.topic().compareTo(b.topic());
    return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
  }
}
