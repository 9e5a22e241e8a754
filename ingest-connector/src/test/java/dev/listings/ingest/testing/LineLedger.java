package dev.listings.ingest.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.listings.schemas.ProvenanceHeaders;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Checks raw records of generated objects line by line as they stream past, without keeping them: which lines of
 * each object arrived, how many arrived twice, and any whose value is not the generated line.
 */
public final class LineLedger {
  private final Map<String, BitSet> seen = new HashMap<>();
  private final List<String> problems = new ArrayList<>();
  private long duplicates;
  private long total;

  public synchronized void accept(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader(ProvenanceHeaders.SOURCE_LINE);
    int line = Integer.parseInt(new String(header.value(), UTF_8));
    BitSet lines = seen.computeIfAbsent(record.key(), k -> new BitSet());
    if (lines.get(line)) {
      duplicates++;
    }
    lines.set(line);
    total++;
    if (problems.size() < 20 && !Listings.line(line).equals(new String(record.value(), UTF_8))) {
      problems.add(record.key() + " line " + line + " has another value");
    }
  }

  public synchronized long total() {
    return total;
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
