package dev.listings.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourcePrefixTest {
  @Test
  void takesTheConfiguredNumberOfLeadingFolders() {
    String key = "partner-a/2026/01/05/listings.jsonl";
    assertThat(SourcePrefix.of("landing", key, 0)).isEqualTo("landing");
    assertThat(SourcePrefix.of("landing", key, 1)).isEqualTo("landing/partner-a");
    assertThat(SourcePrefix.of("landing", key, 2)).isEqualTo("landing/partner-a/2026");
  }

  @Test
  void neverCountsTheFileNameAsAFolder() {
    assertThat(SourcePrefix.of("landing", "listings.jsonl", 2)).isEqualTo("landing");
    assertThat(SourcePrefix.of("landing", "partner-a/listings.jsonl", 3)).isEqualTo("landing/partner-a");
  }

  @Test
  void skipsEmptySegments() {
    assertThat(SourcePrefix.of("landing", "/partner-a//2026/x.csv", 2)).isEqualTo("landing/partner-a/2026");
  }

  @Test
  void groupsRejectsWithoutProvenanceAsUnknown() {
    assertThat(SourcePrefix.of(null, null, 1)).isEqualTo(SourcePrefix.UNKNOWN);
    assertThat(SourcePrefix.of("landing", null, 1)).isEqualTo("landing");
  }
}
