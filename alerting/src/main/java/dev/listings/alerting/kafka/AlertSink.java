package dev.listings.alerting.kafka;

import dev.listings.alerting.model.Alert;

/** Where the consume loop hands the alerts it produces; must not block for long. */
@FunctionalInterface
public interface AlertSink {
  void publish(Alert alert);
}
