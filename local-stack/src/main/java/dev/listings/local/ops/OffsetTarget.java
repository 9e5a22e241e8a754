package dev.listings.local.ops;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Where a replay starts in its input topics: a time, explicit offsets, or the beginning. */
public sealed interface OffsetTarget {

  /** The first record whose timestamp (for raw records: the ingest time) is at or after {@code time}. */
  record ToDatetime(Instant time) implements OffsetTarget {
    @Override
    public String describe() {
      return "the first record at or after " + time;
    }
  }

  /** Explicit offsets; input partitions not listed stay where the group's committed offset is. */
  record ToOffsets(Map<TopicPartition, Long> offsets) implements OffsetTarget {
    public ToOffsets {
      offsets = Map.copyOf(offsets);
    }

    @Override
    public String describe() {
      return "offsets " + offsets;
    }
  }

  /** The earliest offset still in each partition. */
  record ToEarliest() implements OffsetTarget {
    @Override
    public String describe() {
      return "the earliest offsets";
    }
  }

  String describe();

  /**
   * Parses a date-time: an ISO instant ({@code 2026-01-05T08:00:00Z}), an ISO date-time with an offset, a local
   * date-time or a date (both taken as UTC).
   */
  static ToDatetime parseDatetime(String text) {
    String value = text.strip();
    try {
      return new ToDatetime(OffsetDateTime.parse(value).toInstant());
    } catch (DateTimeParseException notWithOffset) {
      // try the next shape
    }
    try {
      return new ToDatetime(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException notLocal) {
      // try the next shape
    }
    try {
      return new ToDatetime(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw new OpsException("'" + text + "' is not a date-time: use 2026-01-05T08:00:00Z, 2026-01-05T08:00 (UTC) or "
          + "2026-01-05 (UTC midnight)");
    }
  }

  /**
   * Parses offsets: {@code TOPIC:PARTITION=OFFSET} items separated by commas; {@code PARTITION=OFFSET} items name a
   * partition of {@code defaultTopic}.
   */
  static ToOffsets parseOffsets(String text, String defaultTopic) {
    Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
    for (String item : text.split(",")) {
      String part = item.strip();
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.lastIndexOf('=');
      if (eq < 0) {
        throw new OpsException("'" + part + "' is not PARTITION=OFFSET or TOPIC:PARTITION=OFFSET");
      }
      String where = part.substring(0, eq).strip();
      int colon = where.lastIndexOf(':');
      String topic = colon < 0 ? defaultTopic : where.substring(0, colon).strip();
      String partition = colon < 0 ? where : where.substring(colon + 1).strip();
      try {
        long offset = Long.parseLong(part.substring(eq + 1).strip());
        int p = Integer.parseInt(partition);
        if (offset < 0 || p < 0) {
          throw new NumberFormatException("negative");
        }
        offsets.put(new TopicPartition(topic, p), offset);
      } catch (NumberFormatException e) {
        throw new OpsException("'" + part + "': partition and offset must be whole numbers, 0 or more");
      }
    }
    if (offsets.isEmpty()) {
      throw new OpsException("No offsets given; use e.g. --to-offsets 0=120,1=98");
    }
    return new ToOffsets(offsets);
  }

  /** Exactly one of the three ways, or an error naming the options. */
  static OffsetTarget choose(String datetime, String offsets, boolean earliest, List<String> inputTopics) {
    int given = (datetime != null ? 1 : 0) + (offsets != null ? 1 : 0) + (earliest ? 1 : 0);
    if (given != 1) {
      throw new OpsException("Say where to start with exactly one of --to-datetime, --to-offsets or --to-earliest");
    }
    if (datetime != null) {
      return parseDatetime(datetime);
    }
    if (offsets != null) {
      return parseOffsets(offsets, inputTopics.get(0));
    }
    return new ToEarliest();
  }
}
