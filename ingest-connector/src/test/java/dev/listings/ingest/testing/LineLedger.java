package dev.listings.ingest.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.listings.schemas.ProvenanceHeaders;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Checks raw records of generated objects line by line as they stream past, without keeping them: which lines of
 * each object arrived, how many arrived twice, and any whose value is not the generated line.
 */
public final class LineLedger {
  private final LongFunction<String> expected;
  private final Map<String, BitSet> seen = new HashMap<>();
  private final Map<String, String> firstEtag = new HashMap<>();
  private final List<String> problems = new ArrayList<>();
  private long duplicates;
  private long total;

  /** A ledger of objects made of {@link Listings#line(long)}. */
  public LineLedger() {
    this(Listings::line);
  }

  /** A ledger of objects whose line {@code n} is {@code expected.apply(n)}. */
  public LineLedger(LongFunction<String> expected) {
    this.expected = expected;
  }

  public synchronized void accept(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader(ProvenanceHeaders.SOURCE_LINE);
    int line = Integer.parseInt(new String(header.value(), UTF_8));
    String object = objectOf(record);
    BitSet lines = seen.computeIfAbsent(object, k -> new BitSet());
    Header etag = record.headers().lastHeader(ProvenanceHeaders.SOURCE_ETAG);
    String version = etag == null ? "?" : new String(etag.value(), UTF_8);
    if (lines.get(line)) {
      duplicates++;
      if (problems.size() < 20) {
        problems.add(object + " line " + line + " arrived again, ETag " + version + " (first ETag "
            + firstEtag.get(object) + "), partition " + record.partition() + " offset " + record.offset());
      }
    }
    firstEtag.putIfAbsent(object, version);
    lines.set(line);
    total++;
    if (problems.size() < 20 && !expected.apply(line).equals(new String(record.value(), UTF_8))) {
      problems.add(object + " line " + line + " has another value");
    }
  }

  /** The source object of a raw record, {@code s3://bucket/key}, from its provenance headers (the key is the id). */
  public static String objectOf(ConsumerRecord<String, byte[]> record) {
    return "s3://" + text(record, ProvenanceHeaders.SOURCE_BUCKET) + "/" + text(record, ProvenanceHeaders.SOURCE_KEY);
  }

  private static String text(ConsumerRecord<String, byte[]> record, String header) {
    Header value = record.headers().lastHeader(header);
    return value == null ? "?" : new String(value.value(), UTF_8);
  }

  public synchronized long total() {
    return total;
  }

  /** Records seen of one object ({@code s3://bucket/key}), duplicates included once. */
  public synchronized long distinct(String key) {
    BitSet lines = seen.get(key);
    return lines == null ? 0 : lines.cardinality();
  }

  public synchronized long duplicates() {
    return duplicates;
  }

  /** Lines 1..{@code lines} of {@code key} that never arrived (at most 20 of them). */
  public synchronized List<Integer> missing(String key, int lines) {
    BitSet arrived = seen.getOrDefault(key, new BitSet());
    List<Integer> missing = new ArrayList<>();
    for (int n = arrived.nextClearBit(1); n <= lines && missing.size() < 20; n = arrived.nextClearBit(n + 1)) {
      missing.add(n);
    }
    return missing;
  }

  public synchronized List<String> problems() {
    return List.copyOf(problems);
  }
}
