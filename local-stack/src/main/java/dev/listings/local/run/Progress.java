package dev.listings.local.run;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One status line for long work: rewritten in place on a terminal, printed at most every few seconds otherwise (so CI
 * logs stay short).
 */
public final class Progress {
  private final PrintStream out;
  private final boolean terminal;
  private long lastPrinted;
  private int lastLength;

  public Progress(PrintStream out) {
    this.out = out;
    this.terminal = System.console() != null;
  }

  public void update(String status) {
    long now = System.currentTimeMillis();
    if (terminal) {
      String padded = status + " ".repeat(Math.max(0, lastLength - status.length()));
      out.print("\r" + padded);
      out.flush();
      lastLength = status.length();
    } else if (now - lastPrinted >= 5_000) {
      out.println(status);
      lastPrinted = now;
    }
  }

  /** Ends the status line and prints a final message on its own line. */
  public void done(String message) {
    if (terminal && lastLength > 0) {
      out.print("\r" + " ".repeat(lastLength) + "\r");
    }
    lastLength = 0;
    out.println(message);
  }

  public static String rate(long count, long elapsedMs) {
    return elapsedMs <= 0 ? "-" : String.format(Locale.ROOT, "%,.0f/s", count * 1000.0 / elapsedMs);
  }
}
