package dev.listings.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatAndCompressionTest {
  @Test
  void tellsTheFormatByTheExtensionBeforeAnyGz() {
    assertThat(SourceFormat.ofKey("in/a.jsonl", SourceFormat.CSV)).isEqualTo(SourceFormat.JSONL);
    assertThat(SourceFormat.ofKey("in/a.NDJSON.gz", SourceFormat.CSV)).isEqualTo(SourceFormat.JSONL);
    assertThat(SourceFormat.ofKey("in/a.csv.gz", SourceFormat.JSONL)).isEqualTo(SourceFormat.CSV);
    assertThat(SourceFormat.ofKey("in/a.CSV", SourceFormat.JSONL)).isEqualTo(SourceFormat.CSV);
  }

  @Test
  void fallsBackToTheDefaultFormatForOtherKeys() {
    assertThat(SourceFormat.ofKey("in/a.txt", SourceFormat.CSV)).isEqualTo(SourceFormat.CSV);
    assertThat(SourceFormat.ofKey("in/data", SourceFormat.JSONL)).isEqualTo(SourceFormat.JSONL);
  }

  @Test
  void tellsGzipByExtensionOrContentEncoding() {
    assertThat(Compression.of("a.jsonl.gz", null)).isEqualTo(Compression.GZIP);
    assertThat(Compression.of("a.jsonl", "gzip")).isEqualTo(Compression.GZIP);
    assertThat(Compression.of("a.jsonl", "x-gzip")).isEqualTo(Compression.GZIP);
    assertThat(Compression.of("a.jsonl", "identity")).isEqualTo(Compression.NONE);
    assertThat(Compression.of("a.jsonl", null)).isEqualTo(Compression.NONE);
  }
}
