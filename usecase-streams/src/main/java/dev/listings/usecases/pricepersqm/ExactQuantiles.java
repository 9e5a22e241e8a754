package dev.listings.usecases.pricepersqm;

/**
 * Quantiles of a sorted sample by linear interpolation between closest ranks (Hyndman and Fan type 7, the default of
 * NumPy, R and spreadsheet PERCENTILE.INC): h = (n - 1) q, result = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor
 * h]). The median of an even count is the mean of the two middle values.
 */
public final class ExactQuantiles {
  private ExactQuantiles() {}

  public static double quantile(double[] sorted, int n, double q) {
    if (n < 1) {
      throw new IllegalArgumentException("no values");
    }
    if (q < 0 || q > 1) {
      throw new IllegalArgumentException("quantile must be in [0, 1], got " + q);
    }
    double h = (n - 1) * q;
    int lower = (int) Math.floor(h);
    int upper = Math.min(lower + 1, n - 1);
    return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
  }
}
