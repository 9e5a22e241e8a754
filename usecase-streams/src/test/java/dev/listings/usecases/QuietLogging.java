package dev.listings.usecases;

import java.util.logging.Level;
import org.jboss.logmanager.LogContext;

/**
 * Unit tests run without Quarkus' log configuration, and the log manager the build installs logs INFO by default, so
 * Kafka Streams' INFO lines (a configuration dump per driver) would bury the test output. Tests that start Kafka
 * Streams call {@link #apply()} first.
 */
public final class QuietLogging {
  private QuietLogging() {}

  public static void apply() {
    LogContext.getLogContext().getLogger("").setLevel(Level.WARNING);
  }
}
