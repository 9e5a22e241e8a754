package dev.listings.alerting.kafka;

import java.util.List;

/**
 * The topics the alerting reads, and the one it writes. {@code appErrors} is optional at run time: until some app
 * publishes there and the topic exists, the alerting runs without it.
 */
public record InputTopics(String rejects, String audit, String ledger, String appErrors, String alerts) {

  /** The inputs without which the alerting's evaluation would be wrong (so it waits for them). */
  public List<String> required() {
    return List.of(rejects, audit, ledger);
  }

  public List<String> inputs() {
    return List.of(rejects, audit, ledger, appErrors);
  }
}
