package dev.listings.usecases.activity;

import dev.listings.usecases.model.GroupKeys;
import java.time.LocalDate;

/** Key of the market-activity results: {@code <municipality>|<YYYY-MM-DD>}. */
public record ActivityKey(String municipality, LocalDate date) {

  public static ActivityKey parse(String key) {
    String[] parts = GroupKeys.splitFromRight(key, 2);
    return new ActivityKey(parts[0], LocalDate.parse(parts[1]));
  }

  public String topicKey() {
    return GroupKeys.join(municipality, date.toString());
  }
}
