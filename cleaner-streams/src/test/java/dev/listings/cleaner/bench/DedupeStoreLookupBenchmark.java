package dev.listings.cleaner.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One lookup in a persistent timestamped store built as the cleaner builds its dedupe store (RocksDB, no record cache),
 * for an id the store holds and for one it does not: most lines of a first load are ids never seen, so the cost of a
 * miss matters as much as a hit's. Run: {@code ./mvnw -pl cleaner-streams -Pbench test-compile exec:exec
 * -Djmh.args="-f 1 -wi 3 -w 2s -i 3 -r 2s DedupeStoreLookup"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DedupeStoreLookupBenchmark {
  /** Ids in the store; lookups cycle through them (hits) or through as many ids never written (misses). */
  @Param("200000")
  int ids;

  private Path dir;
  private TimestampedKeyValueStore<String, byte[]> store;
  private String[] present;
  private String[] absent;
  private int next;

  @Setup(Level.Trial)
  public void open() throws IOException {
    dir = Files.createTempDirectory("dedupe-store-bench");
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>(new Properties(), new TaskId(0, 0),
        dir.toFile());
    store = Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore("dedupe-store"),
        Serdes.String(), Serdes.ByteArray()).withCachingDisabled().withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    present = new String[ids];
    absent = new String[ids];
    byte[] version = "a listing's encoded latest version, about as long as one".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < ids; i++) {
      present[i] = "listing-" + i;
      absent[i] = "unseen-" + i;
      store.put(present[i], ValueAndTimestamp.make(version, i));
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  @Benchmark
  public ValueAndTimestamp<byte[]> hit() {
    next = next + 1 == ids ? 0 : next + 1;
    return store.get(present[next]);
  }

  @Benchmark
  public ValueAndTimestamp<byte[]> miss() {
    next = next + 1 == ids ? 0 : next + 1;
    return store.get(absent[next]);
  }
}
