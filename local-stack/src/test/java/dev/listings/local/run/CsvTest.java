package dev.listings.local.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void quotesOnlyWhatNeedsQuoting() {
    assertThat(Csv.row(List.of("Zürich", "Biel, Bienne", "say \"hi\"", ""))).isEqualTo(
        "Zürich,\"Biel, Bienne\",\"say \"\"hi\"\"\",");
  }
}
