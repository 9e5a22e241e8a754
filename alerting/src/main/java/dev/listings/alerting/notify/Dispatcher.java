package dev.listings.alerting.notify;

import dev.listings.alerting.model.Alert;
import dev.listings.alerting.model.Severity;
import java.time.Duration;
import java.util.List;

/** Hands each alert to every notifier whose minimum severity it meets; never blocks. */
public final class Dispatcher implements AutoCloseable {
  private final List<Route> routes;

  public Dispatcher(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  public void dispatch(Alert alert) {
    for (Route route : routes) {
      if (alert.severity().atLeast(route.minSeverity())) {
        route.worker().offer(alert);
      }
    }
  }

  public List<String> notifierNames() {
    return routes.stream().map(route -> route.worker().name()).toList();
  }

  /** Gives every notifier up to {@code drain} to deliver what is queued. */
  public void close(Duration drain) {
    for (Route route : routes) {
      route.worker().close(drain);
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }

  /** A notifier's worker and the least severe alert it receives. */
  public record Route(DeliveryWorker worker, Severity minSeverity) {}
}
