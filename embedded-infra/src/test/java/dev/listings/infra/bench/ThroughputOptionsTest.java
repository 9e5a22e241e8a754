package dev.listings.infra.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputOptionsTest {
  @Test
  void settingsTakeTheGivenValuesAndDefaultTheRest() {
    ThroughputOptions options = ThroughputOptions.parse(new String[] {"--lines", "5000", "--repeat", "3"});

    StreamsThroughputRun.Settings settings = options.settings("lines", 200_000);
    options.requireAllRead();

    assertThat(settings).isEqualTo(new StreamsThroughputRun.Settings("lines", 5000, 2, 1, 100, 256 * 1024, 1, 3));
  }

  @Test
  void ownOptionsAreReadAlongTheCommonOnes() {
    ThroughputOptions options =
        ThroughputOptions.parse(new String[] {"--seed", "7", "--threads", "2", "--producer-batch-kb", "16",
            "--repartition-baseline", "true"});

    StreamsThroughputRun.Settings settings = options.settings("records", 10);

    assertThat(options.longValue("seed", 42)).isEqualTo(7);
    assertThat(options.booleanValue("repartition-baseline", false)).isTrue();
    assertThat(options.value("sample", "default.jsonl")).isEqualTo("default.jsonl");
    options.requireAllRead();
    assertThat(settings.count()).isEqualTo(10);
    assertThat(settings.threads()).isEqualTo(2);
    assertThat(settings.producerBatchBytes()).isEqualTo(16 * 1024);
  }

  @Test
  void anOptionNoOneReadsIsRefused() {
    ThroughputOptions options = ThroughputOptions.parse(new String[] {"--lines", "10", "--recrods", "5"});
    options.settings("lines", 1);

    assertThatThrownBy(options::requireAllRead).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown options [recrods]");
  }

  @Test
  void argumentsMustComeInPairs() {
    assertThatThrownBy(() -> ThroughputOptions.parse(new String[] {"--lines"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected --option value pairs");
    assertThatThrownBy(() -> ThroughputOptions.parse(new String[] {"lines", "10"}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(StreamsThroughputRun.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(StreamsThroughputRun.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
  }
}
