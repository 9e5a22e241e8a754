package dev.listings.usecases.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.usecases.activity.ActivityKey;
import dev.listings.usecases.pricepersqm.StatsKey;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class GroupKeysTest {

  @Test
  void statsKeysRoundTripEvenWhenTheMunicipalityContainsTheSeparator() {
    StatsKey key = new StatsKey("Biel|Bienne", "house", YearMonth.of(2023, 2));

    assertThat(key.topicKey()).isEqualTo("Biel|Bienne|house|2023-02");
    assertThat(key.storeKey()).isEqualTo("house|2023-02|Biel|Bienne");
    assertThat(StatsKey.parseTopicKey(key.topicKey())).isEqualTo(key);
    assertThat(key.storeKey()).startsWith(StatsKey.storePrefix("house", YearMonth.of(2023, 2)));
  }

  @Test
  void activityKeysRoundTrip() {
    ActivityKey key = new ActivityKey("Sion", LocalDate.of(2024, 2, 29));

    assertThat(key.topicKey()).isEqualTo("Sion|2024-02-29");
    assertThat(ActivityKey.parse(key.topicKey())).isEqualTo(key);
  }

  @Test
  void rejectsKeysWithTooFewParts() {
    assertThatThrownBy(() -> StatsKey.parseTopicKey("Sion|2023-01")).isInstanceOf(IllegalArgumentException.class);
  }
}
