package dev.listings.local.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rejects read for people: a list (one line each, with the raw text), and a summary by reason, source object and time,
 * with samples and where each rejected line stands after re-drives.
 */
public final class RejectsReport {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private RejectsReport() {}

  /** Reads the rejects matching {@code filter}, in topic order. */
  public static List<RejectRecord> read(Cluster cluster, String topic, RejectFilter filter) {
    List<RejectRecord> rejects = new ArrayList<>();
    TopicScan.read(cluster, topic, null, record -> {
      RejectRecord reject = RejectRecord.of(record);
      if (filter.test(reject)) {
        rejects.add(reject);
      }
    });
    rejects.sort(Comparator.comparing(RejectRecord::rejectedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparing(RejectRecord::position));
    return rejects;
  }

  /** One line per reject: when, reason, source line, id, re-drive run, raw text (cut to {@code rawWidth}). */
  public static String list(List<RejectRecord> rejects, int rawWidth) {
    List<List<String>> rows = new ArrayList<>();
    for (RejectRecord r : rejects) {
      rows.add(List.of(
          r.rejectedAt() == null ? "-" : SECONDS.format(r.rejectedAt()),
          String.valueOf(r.reason()),
          r.object() == null ? r.position() : r.objectKey() + "#" + (r.line() == null ? "?" : r.line()),
          r.id() == null ? "-" : r.id(),
          r.redriveRun() == null ? "" : r.redriveRun(),
          cut(oneLine(r.raw()), rawWidth)));
    }
    return Table.render(List.of("rejected at (UTC)", "reason", "source line", "id", "re-drive", "raw"), rows, "");
  }

  /** The summary as printed by {@code ./pipeline rejects summary}. */
  public static String summary(List<RejectRecord> rejects, RedriveJournal journal, int samplesPerReason) {
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "Rejects: %,d record(s)", rejects.size()));
    if (rejects.isEmpty()) {
      return String.join(System.lineSeparator(), out);
    }
    Map<String, Long> byReason = count(rejects, RejectRecord::reason);
    out.add("");
    out.add("By reason");
    out.add(counts(byReason, Integer.MAX_VALUE, "reason"));

    out.add("");
    out.add("By source object (top 10)");
    out.add(counts(count(rejects, r -> r.object() == null ? "(unknown source)" : r.object()), 10, "object"));

    Instant first = rejects.stream().map(RejectRecord::rejectedAt).filter(java.util.Objects::nonNull)
        .min(Comparator.naturalOrder()).orElse(null);
    Instant last = rejects.stream().map(RejectRecord::rejectedAt).filter(java.util.Objects::nonNull)
        .max(Comparator.naturalOrder()).orElse(null);
    if (first != null) {
      boolean hourly = Duration.between(first, last).compareTo(Duration.ofDays(2)) <= 0;
      DateTimeFormatter bucket = DateTimeFormatter.ofPattern(hourly ? "yyyy-MM-dd HH:00" : "yyyy-MM-dd")
          .withZone(ZoneOffset.UTC);
      Map<String, Long> byTime = new TreeMap<>();
      rejects.forEach(r -> byTime.merge(r.rejectedAt() == null ? "(unknown)"
          : bucket.format(r.rejectedAt().truncatedTo(hourly ? ChronoUnit.HOURS : ChronoUnit.DAYS)), 1L, Long::sum));
      out.add("");
      out.add("By time rejected (UTC, per " + (hourly ? "hour" : "day") + ")");
      out.add(Table.render(List.of("time", "rejects"), byTime.entrySet().stream()
          .map(e -> List.of(e.getKey(), String.format(Locale.ROOT, "%,d", e.getValue()))).toList(), "  "));
    }

    Map<String, Redriver.LineState> lines = Redriver.lineStates(rejects, journal);
    long stillRejected = lines.values().stream().filter(s -> s.current() != null).count();
    long redriven = lines.values().stream().filter(s -> journal.latest(s.line()).isPresent()).count();
    out.add("");
    out.add(String.format(Locale.ROOT, "Lines: %,d rejected line(s); %,d re-driven at least once; %,d still rejected "
        + "(latest judgment a reject); %,d re-driven and not rejected again", lines.size(), redriven, stillRejected,
        lines.size() - stillRejected));

    if (samplesPerReason <= 0) {
      return String.join(System.lineSeparator(), out);
    }
    out.add("");
    out.add("Samples (" + samplesPerReason + " per reason)");
    for (String reason : byReason.keySet()) {
      out.add("  " + reason);
      rejects.stream().filter(r -> reason.equals(String.valueOf(r.reason()))).limit(samplesPerReason).forEach(r -> {
        out.add("    " + (r.object() == null ? r.position() : r.objectKey() + "#" + r.line()) + "  " + r.message());
        out.add("      raw: " + cut(oneLine(r.raw()), 200));
      });
    }
    return String.join(System.lineSeparator(), out);
  }

  static Map<String, Long> count(List<RejectRecord> rejects, java.util.function.Function<RejectRecord, String> key) {
    Map<String, Long> counts = new TreeMap<>();
    rejects.forEach(r -> counts.merge(String.valueOf(key.apply(r)), 1L, Long::sum));
    return counts;
  }

  private static String counts(Map<String, Long> counts, int top, String label) {
    Map<String, Long> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(top)
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return Table.render(List.of(label, "rejects"), sorted.entrySet().stream()
        .map(e -> List.of(e.getKey(), String.format(Locale.ROOT, "%,d", e.getValue()))).toList(), "  ");
  }

  static String oneLine(String text) {
    return text == null ? "" : text.replace("\r", "\\r").replace("\n", "\\n");
  }

  static String cut(String text, int width) {
    return width <= 0 || text.length() <= width ? text : text.substring(0, Math.max(0, width - 1)) + "…";
  }
}
