package dev.listings.local.ops;

import java.util.Locale;

/** A one-line progress bar with counts, rate and estimated time left, e.g. for records left to replay. */
public final class ProgressBar {
  private ProgressBar() {}

  /**
   * @param ratePerSecond recent rate; 0 or less when not known yet (then no ETA is shown)
   */
  public static String render(long done, long total, double ratePerSecond, String unit, int width) {
    long clamped = Math.max(0, Math.min(done, total));
    double fraction = total <= 0 ? 1.0 : (double) clamped / total;
    int filled = (int) Math.floor(fraction * width);
    StringBuilder bar = new StringBuilder("[");
    bar.append("#".repeat(filled)).append("-".repeat(width - filled)).append("] ");
    bar.append(String.format(Locale.ROOT, "%3d%%  %,d/%,d %s", (int) Math.floor(fraction * 100), clamped, total, unit));
    if (ratePerSecond > 0) {
      bar.append(String.format(Locale.ROOT, "  %,.0f/s", ratePerSecond));
      if (clamped < total) {
        bar.append("  ETA ").append(duration((long) Math.ceil((total - clamped) / ratePerSecond)));
      }
    }
    return bar.toString();
  }

  /** Seconds as {@code m:ss} or {@code h:mm:ss}. */
  public static String duration(long seconds) {
    long h = seconds / 3600;
    long m = (seconds % 3600) / 60;
    long s = seconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
  }

  /** A smoothed rate from successive (count, time) observations. */
  public static final class Rate {
    private long lastCount = -1;
    private long lastMillis;
    private double rate;

    public double update(long count, long nowMillis) {
      if (lastCount >= 0 && nowMillis > lastMillis) {
        double instant = (count - lastCount) * 1000.0 / (nowMillis - lastMillis);
        rate = rate <= 0 ? instant : 0.7 * rate + 0.3 * instant;
      }
      lastCount = count;
      lastMillis = nowMillis;
      return rate;
    }
  }
}
