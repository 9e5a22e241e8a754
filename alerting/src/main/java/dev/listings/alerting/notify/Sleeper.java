package dev.listings.alerting.notify;

import java.time.Duration;

/** Waits between delivery attempts; interruptible, so closing a worker never waits out a backoff. */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
