package dev.listings.infra.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code --option value} arguments of a throughput benchmark. Each option is read once, with its default; {@link
 * #requireAllRead} then refuses any option no one asked for, so a misspelt one fails the run instead of being ignored.
 * {@link #settings} reads the options every {@link StreamsThroughputRun} has.
 */
public final class ThroughputOptions {
  private final Map<String, String> values = new HashMap<>();

  private ThroughputOptions(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value pairs, got " + String.join(" ", args));
      }
      values.put(args[i].substring(2), args[++i]);
    }
  }

  /** The arguments as {@code --name value} pairs; anything else is refused. */
  public static ThroughputOptions parse(String[] args) {
    return new ThroughputOptions(args);
  }

  /**
   * The options of every run: {@code --<unit> N} (how many input records, {@code defaultCount}), {@code --partitions
   * P} (2), {@code --threads T} (stream threads per application, 1), {@code --commit-ms C} (100), {@code
   * --producer-batch-kb B} (the applications' {@code producer.batch.size} in KiB, 256 as the deployed apps set it),
   * {@code --warmup W} (untimed rounds first, 1) and {@code --repeat R} (measured rounds, 1).
   */
  public StreamsThroughputRun.Settings settings(String unit, long defaultCount) {
    return new StreamsThroughputRun.Settings(unit, longValue(unit, defaultCount), intValue("partitions", 2),
        intValue("threads", 1), intValue("commit-ms", 100), intValue("producer-batch-kb", 256) * 1024,
        intValue("warmup", 1), intValue("repeat", 1));
  }

  public String value(String name, String defaultValue) {
    String value = values.remove(name);
    return value == null ? defaultValue : value;
  }

  public long longValue(String name, long defaultValue) {
    return Long.parseLong(value(name, Long.toString(defaultValue)));
  }

  public int intValue(String name, int defaultValue) {
    return Integer.parseInt(value(name, Integer.toString(defaultValue)));
  }

  public boolean booleanValue(String name, boolean defaultValue) {
    return Boolean.parseBoolean(value(name, Boolean.toString(defaultValue)));
  }

  /** Fails with the names of the options that were given but never read. */
  public void requireAllRead() {
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("unknown options " + values.keySet());
    }
  }
}
