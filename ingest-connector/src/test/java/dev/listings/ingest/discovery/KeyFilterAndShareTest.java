package dev.listings.ingest.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyFilterAndShareTest {
  @Test
  void takesKeysUnderAPrefixThatMatchIncludeAndNotExclude() {
    KeyFilter filter = new KeyFilter(List.of("in/", "partners/"), Pattern.compile(".*\\.(jsonl|csv)(\\.gz)?"),
        Optional.of(Pattern.compile(".*/tmp/.*")));
    assertThat(filter.accepts("in/a.jsonl")).isTrue();
    assertThat(filter.accepts("partners/x/b.csv.gz")).isTrue();
    assertThat(filter.accepts("other/a.jsonl")).isFalse();
    assertThat(filter.accepts("in/a.parquet")).isFalse();
    assertThat(filter.accepts("in/tmp/a.jsonl")).isFalse();
  }

  @Test
  void neverTakesFolderMarkers() {
    KeyFilter all = new KeyFilter(List.of(""), Pattern.compile(".*"), Optional.empty());
    assertThat(all.accepts("in/")).isFalse();
    assertThat(all.accepts("in/a")).isTrue();
  }

  @Test
  void givesEveryKeyToExactlyOneTask() {
    List<TaskShare> shares = IntStream.range(0, 4).mapToObj(i -> new TaskShare(i, 4)).toList();
    for (int n = 0; n < 2000; n++) {
      String key = "in/object-" + n + ".jsonl";
      assertThat(shares.stream().filter(s -> s.owns(key)).count()).isEqualTo(1);
    }
    long taken = IntStream.range(0, 2000).filter(n -> shares.get(0).owns("k" + n)).count();
    assertThat(taken).isBetween(350L, 650L);
  }
}
