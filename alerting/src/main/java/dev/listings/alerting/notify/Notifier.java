package dev.listings.alerting.notify;

import dev.listings.alerting.model.Alert;

/** Sends one alert somewhere, once: retries are the {@link DeliveryWorker}'s job. Never throws. */
public interface Notifier extends AutoCloseable {
  /** Short name used in logs and metrics, e.g. {@code slack}. */
  String name();

  /** One attempt to deliver the alert. */
  DeliveryResult deliver(Alert alert);

  @Override
  default void close() {}
}
