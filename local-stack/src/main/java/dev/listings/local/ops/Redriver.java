package dev.listings.local.ops;

import dev.listings.cleaner.streams.Redrive;
import dev.listings.schemas.ProvenanceHeaders;
import dev.listings.schemas.RawRecordKeys;
import dev.listings.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends rejected lines back to the raw topic to be judged again by the current rules: the line's text (as rejected, or
 * as a person corrected it) with its original provenance headers plus {@code redrive.of} (the line's identity) and
 * {@code redrive.id} (this run). The cleaner counts their outcomes under the run, apart from the objects' first
 * judgments. A line is sent again only when its latest re-drive was rejected again (see {@link RedriveJournal}).
 */
public final class Redriver {
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** The topics a re-drive reads and writes. */
  public record RedriveTopics(String raw, String rejects, String ledger, String journal) {
    public static RedriveTopics defaults() {
      return new RedriveTopics(Topics.RAW, Topics.REJECTS, Topics.LEDGER, RedriveJournal.TOPIC);
    }
  }

  /**
   * A line to send.
   *
   * @param reject the reject it comes from (the latest judgment of the line)
   * @param text the text to send: the reject's raw line, or the corrected one
   */
  public record Candidate(RejectRecord reject, String line, String text, boolean corrected) {}

  /**
   * What a re-drive will send, and what it leaves out and why.
   *
   * @param matched rejected lines matching the selection, before exclusions
   */
  public record Plan(String run, List<Candidate> selected, Map<String, Long> skipped, long matched) {
    public Map<String, Long> selectedByReason() {
      Map<String, Long> byReason = new java.util.TreeMap<>();
      selected.forEach(c -> byReason.merge(c.reject().reason(), 1L, Long::sum));
      return byReason;
    }
  }

  private Redriver() {}

  public static String newRunId(Clock clock) {
    return "rd-" + RUN_TIME.format(clock.instant()) + "-"
        + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  /** The latest judgment of every rejected line, with whether it may be re-driven now. */
  record LineState(String line, RejectRecord latest, RejectRecord current, String notEligible) {}

  static Map<String, LineState> lineStates(List<RejectRecord> rejects, RedriveJournal journal) {
    Map<String, List<RejectRecord>> byLine = new LinkedHashMap<>();
    for (RejectRecord reject : rejects) {
      String line = reject.lineIdentity();
      if (line != null) {
        byLine.computeIfAbsent(line, l -> new ArrayList<>()).add(reject);
      }
    }
    Comparator<RejectRecord> order = Comparator
        .comparing(RejectRecord::rejectedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparingLong(RejectRecord::offset);
    Map<String, LineState> states = new LinkedHashMap<>();
    byLine.forEach((line, list) -> {
      RejectRecord latest = list.stream().max(order).orElseThrow();
      var entry = journal.latest(line);
      if (entry.isEmpty()) {
        states.put(line, new LineState(line, latest, latest, null));
        return;
      }
      String run = entry.get().run();
      RejectRecord ofRun = list.stream().filter(r -> run.equals(r.redriveRun())).max(order).orElse(null);
      states.put(line, ofRun != null ? new LineState(line, ofRun, ofRun, null)
          : new LineState(line, latest, null, "re-driven already by " + run
              + " and not rejected again (curated, duplicate, or not judged yet)"));
    });
    return states;
  }

  /** Selects rejected lines from the rejects topic. */
  public static Plan plan(Cluster cluster, RedriveTopics topics, RejectFilter filter, boolean again, int limit,
      Clock clock) {
    List<RejectRecord> rejects = new ArrayList<>();
    TopicScan.read(cluster, topics.rejects(), null, r -> rejects.add(RejectRecord.of(r)));
    RedriveJournal journal = RedriveJournal.read(cluster, topics.journal());
    Map<String, Long> skipped = new LinkedHashMap<>();
    long matched = 0;
    for (RejectRecord reject : rejects) {
      if (reject.lineIdentity() == null && filter.test(reject)) {
        matched++;
        skipped.merge("no source line in its provenance (cannot be placed back)", 1L, Long::sum);
      }
    }
    List<Candidate> selected = new ArrayList<>();
    for (LineState state : lineStates(rejects, journal).values()) {
      if (!filter.test(state.latest())) {
        continue;
      }
      matched++;
      RejectRecord current = state.current();
      if (current == null && !again) {
        skipped.merge(state.notEligible(), 1L, Long::sum);
        continue;
      }
      RejectRecord source = current != null ? current : state.latest();
      String why = unsendable(source);
      if (why != null) {
        skipped.merge(why, 1L, Long::sum);
        continue;
      }
      if (limit > 0 && selected.size() >= limit) {
        skipped.merge("beyond --limit " + limit, 1L, Long::sum);
        continue;
      }
      selected.add(new Candidate(source, state.line(), source.raw(), false));
    }
    return new Plan(newRunId(clock), selected, skipped, matched);
  }

  /** Selects the lines of a file of corrected reject records (one JSON reject per line, {@code raw} corrected). */
  public static Plan planFromFile(Cluster cluster, RedriveTopics topics, Path file, boolean again, Clock clock) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OpsException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    List<RejectRecord> rejects = new ArrayList<>();
    TopicScan.read(cluster, topics.rejects(), null, r -> rejects.add(RejectRecord.of(r)));
    Map<String, LineState> states = lineStates(rejects, RedriveJournal.read(cluster, topics.journal()));
    Map<String, Long> skipped = new LinkedHashMap<>();
    List<Candidate> selected = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    long matched = 0;
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i).strip();
      if (text.isEmpty()) {
        continue;
      }
      RejectRecord corrected;
      try {
        corrected = RejectRecord.fromJson(text);
      } catch (OpsException e) {
        throw new OpsException(file + " line " + (i + 1) + ": " + e.getMessage());
      }
      String line = corrected.lineIdentity();
      if (line == null || corrected.raw() == null) {
        throw new OpsException(file + " line " + (i + 1) + ": a corrected reject needs \"raw\" and \"provenance\" "
            + "with bucket, key, etag and line (as written by ./pipeline rejects list --json)");
      }
      if (!seen.add(line)) {
        throw new OpsException(file + " line " + (i + 1) + ": " + line + " appears twice");
      }
      matched++;
      LineState state = states.get(line);
      if (state == null) {
        skipped.merge("not a rejected line (no reject for it in " + topics.rejects() + ")", 1L, Long::sum);
        continue;
      }
      if (state.current() == null && !again) {
        skipped.merge(state.notEligible(), 1L, Long::sum);
        continue;
      }
      RejectRecord source = state.current() != null ? state.current() : state.latest();
      selected.add(new Candidate(source, line, corrected.raw(), true));
    }
    return new Plan(newRunId(clock), selected, skipped, matched);
  }

  /** Sends the plan's lines and their journal records in one transaction; returns how many lines were sent. */
  public static int send(Cluster cluster, RedriveTopics topics, Plan plan, Clock clock) {
    if (plan.selected().isEmpty()) {
      return 0;
    }
    RedriveJournal.ensureTopic(cluster, topics.journal());
    Instant now = clock.instant();
    try (KafkaProducer<byte[], byte[]> producer = cluster.transactionalProducer("listings-redrive-" + plan.run())) {
      producer.initTransactions();
      producer.beginTransaction();
      try {
        for (Candidate candidate : plan.selected()) {
          RejectRecord reject = candidate.reject();
          byte[] line = utf8(candidate.text());
          // Keyed like the connector's records (by listing id), so the cleaner need not re-key it.
          producer.send(new ProducerRecord<>(topics.raw(), null, null, utf8(RawRecordKeys.of(line, reject.object())),
              line, headers(candidate, plan.run())));
          producer.send(new ProducerRecord<>(topics.journal(), utf8(candidate.line()),
              RedriveJournal.value(candidate.line(), plan.run(), now, reject.reason(), candidate.corrected())));
        }
        producer.commitTransaction();
      } catch (RuntimeException e) {
        producer.abortTransaction();
        throw new OpsException("Sending the re-driven lines failed, nothing was sent: " + e.getMessage(), e);
      }
    }
    return plan.selected().size();
  }

  /**
   * The headers of a re-driven line: the reject's copies of the original provenance headers (the reject's own and the
   * error headers left out), completed from its JSON provenance, plus the re-drive headers.
   */
  static Headers headers(Candidate candidate, String run) {
    RejectRecord reject = candidate.reject();
    RecordHeaders headers = new RecordHeaders();
    for (Map.Entry<String, String> h : reject.headers().entrySet()) {
      String name = h.getKey();
      boolean dropped = name.equals(ProvenanceHeaders.REJECT_REASON) || name.startsWith("__streams.errors.")
          || name.startsWith("redrive.")
          || (candidate.corrected() && (name.equals(ProvenanceHeaders.LINE_TRUNCATED)
              || name.equals(ProvenanceHeaders.LINE_INVALID_UTF8)));
      if (!dropped && h.getValue() != null) {
        headers.add(name, utf8(h.getValue()));
      }
    }
    Map<String, String> provenance = new LinkedHashMap<>();
    provenance.put(ProvenanceHeaders.SOURCE_BUCKET, reject.bucket());
    provenance.put(ProvenanceHeaders.SOURCE_KEY, reject.objectKey());
    provenance.put(ProvenanceHeaders.SOURCE_ETAG, reject.etag());
    provenance.put(ProvenanceHeaders.SOURCE_LINE, reject.line() == null ? null : Long.toString(reject.line()));
    provenance.put(ProvenanceHeaders.SOURCE_FORMAT, reject.format());
    provenance.put(ProvenanceHeaders.INGEST_TS,
        reject.ingestedAt() == null ? null : Long.toString(reject.ingestedAt().toEpochMilli()));
    provenance.forEach((name, value) -> {
      if (value != null && headers.lastHeader(name) == null) {
        headers.add(name, utf8(value));
      }
    });
    headers.add(Redrive.OF, utf8(candidate.line()));
    headers.add(Redrive.ID, utf8(run));
    if (candidate.corrected()) {
      headers.add(Redrive.CORRECTED, utf8("true"));
    }
    return headers;
  }

  /** Why a reject cannot be re-driven as it is, or null. */
  static String unsendable(RejectRecord reject) {
    if (reject.raw() == null) {
      return "no raw text";
    }
    if (reject.rawTruncated()) {
      return "raw text was cut to the rejects' size cap (re-drive a corrected copy with --file)";
    }
    return null;
  }

  /**
   * Follows the ledger until the cleaner has counted {@code expected} lines of the run, or the timeout passes;
   * returns the run's counts as last seen.
   */
  public static LedgerTotals.Counts await(Cluster cluster, String ledgerTopic, String run, long expected,
      Duration timeout, Consumer<String> progress) {
    LedgerTotals totals = new LedgerTotals();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = cluster.reader()) {
      var partitions = consumer.partitionsFor(ledgerTopic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(ledgerTopic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      ProgressBar.Rate rate = new ProgressBar.Rate();
      while (true) {
        consumer.poll(Duration.ofMillis(500)).forEach(totals::apply);
        LedgerTotals.Counts counts = totals.redriven(run);
        progress.accept(ProgressBar.render(counts.total(), expected, rate.update(counts.total(),
            System.currentTimeMillis()), "lines judged again", 30));
        if (counts.total() >= expected || System.nanoTime() > deadline) {
          return counts;
        }
      }
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
