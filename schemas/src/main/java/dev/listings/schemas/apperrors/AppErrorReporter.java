package dev.listings.schemas.apperrors;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns what went wrong in an app into {@link AppErrorEvent}s for its {@link AppErrorPublisher}: stream thread deaths,
 * the {@code ERROR} state, and any other kind with its details. Never throws and never blocks.
 */
public final class AppErrorReporter {
  private final String app;
  private final String instance;
  private final Clock clock;
  private final AppErrorPublisher publisher;

  public AppErrorReporter(String app, String instance, Clock clock, AppErrorPublisher publisher) {
    this.app = app;
    this.instance = instance;
    this.clock = clock;
    this.publisher = publisher;
  }

  /** The pod or host name: {@code HOSTNAME} (the pod name on Kubernetes), else the local host name, else null. */
  public static String localInstance() {
    String hostname = System.getenv("HOSTNAME");
    if (hostname != null && !hostname.isBlank()) {
      return hostname;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  /** A stream thread died with {@code exception}; {@code response} is what the app does about it. */
  public void streamThreadDied(String thread, Throwable exception, String response) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("thread", thread);
    details.put("exception", exception.getClass().getName());
    Throwable root = AppErrorEvent.rootCause(exception);
    if (root != exception) {
      details.put("root_cause", AppErrorEvent.describe(root));
    }
    details.put("response", response);
    report(AppErrorKinds.STREAM_THREAD_DIED, AppErrorEvent.describe(exception), details);
  }

  /** Kafka Streams moved from {@code previousState} to ERROR: it processes nothing until restarted. */
  public void streamsErrorState(String previousState) {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("previous_state", previousState);
    report(AppErrorKinds.STREAMS_ERROR_STATE,
        "Kafka Streams moved from " + previousState + " to ERROR and stopped processing", details);
  }

  /** Publishes an event of any kind; false when it could not be queued. */
  public boolean report(String kind, String message, Map<String, String> details) {
    try {
      return publisher.publish(new AppErrorEvent(app, kind, message, clock.instant(), instance, details));
    } catch (RuntimeException e) {
      // Reporting must never add a failure to the one being reported.
      return false;
    }
  }

  public AppErrorPublisher publisher() {
    return publisher;
  }
}
