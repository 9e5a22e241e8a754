package dev.listings.ingest.read;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Formats of source objects; each line (JSONL) or row (CSV) becomes one raw record. */
public enum SourceFormat {
  JSONL("jsonl", List.of(".jsonl", ".ndjson", ".json")),
  CSV("csv", List.of(".csv"));

  private final String headerValue;
  private final List<String> extensions;

  SourceFormat(String headerValue, List<String> extensions) {
    this.headerValue = headerValue;
    this.extensions = extensions;
  }

  /** The value of the {@code source.format} header and of the {@code format.default} setting. */
  public String headerValue() {
    return headerValue;
  }

  public static List<String> configValues() {
    return Arrays.stream(values()).map(SourceFormat::headerValue).toList();
  }

  public static SourceFormat fromConfig(String value) {
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(f -> f.headerValue.equals(wanted))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown format " + value));
  }

  /** The format told by the key's extension (after any {@code .gz}), else {@code fallback}. */
  public static SourceFormat ofKey(String key, SourceFormat fallback) {
    String name = Compression.withoutGzipExtension(key).toLowerCase(Locale.ROOT);
    for (SourceFormat format : values()) {
      if (format.extensions.stream().anyMatch(name::endsWith)) {
        return format;
      }
    }
    return fallback;
  }
}
