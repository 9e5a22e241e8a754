package dev.listings.local.ops;

import java.io.PrintWriter;

/**
 * One status line for long work (a progress bar): rewritten in place on a terminal, printed at most every few seconds
 * otherwise, so logs stay short.
 */
public final class StatusLine {
  private final PrintWriter out;
  private final boolean terminal;
  private long lastPrinted;
  private int lastLength;
  private String last;

  public StatusLine(PrintWriter out) {
    this(out, System.console() != null);
  }

  StatusLine(PrintWriter out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  public void update(String status) {
    last = status;
    long now = System.currentTimeMillis();
    if (terminal) {
      out.print("\r" + status + " ".repeat(Math.max(0, lastLength - status.length())));
      out.flush();
      lastLength = status.length();
    } else if (now - lastPrinted >= 5_000) {
      out.println(status);
      out.flush();
      lastPrinted = now;
    }
  }

  /** Ends the status line, printing the last status once more when it was not shown. */
  public void done() {
    if (terminal && lastLength > 0) {
      out.println();
    } else if (!terminal && last != null) {
      out.println(last);
    }
    out.flush();
    lastLength = 0;
    last = null;
  }
}
