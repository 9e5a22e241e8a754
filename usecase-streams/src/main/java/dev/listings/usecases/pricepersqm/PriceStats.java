package dev.listings.usecases.pricepersqm;

import com.tdunning.math.stats.MergingDigest;
import java.util.Arrays;

/**
 * Running statistics of the price-per-m² observations of one group. Count, min and max are exact; the mean is exact to
 * the cent because the sum is kept in whole cents (curated prices per m² carry two decimals), which also makes it
 * independent of arrival order. Quantiles are exact ({@link ExactQuantiles}) while the group holds at most the exact
 * limit of observations, whose values are kept; past that the values are moved into a t-digest ({@link MergingDigest})
 * and quantiles are its estimates, clamped to [min, max].
 */
public final class PriceStats {
  private long count;
  private long sumCents;
  private double min;
  private double max;
  private long latestTimestamp;
  private double[] values;
  private MergingDigest digest;

  /** Empty statistics. */
  public PriceStats() {
    this.values = new double[8];
  }

  PriceStats(
      long count, long sumCents, double min, double max, long latestTimestamp, double[] values, MergingDigest digest) {
    this.count = count;
    this.sumCents = sumCents;
    this.min = min;
    this.max = max;
    this.latestTimestamp = latestTimestamp;
    this.values = values;
    this.digest = digest;
  }

  /** Adds one observation made at {@code timestamp} (epoch ms). */
  public void add(double value, long timestamp, int exactLimit, double compression) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("price per m² must be finite, got " + value);
    }
    min = count == 0 ? value : Math.min(min, value);
    max = count == 0 ? value : Math.max(max, value);
    latestTimestamp = count == 0 ? timestamp : Math.max(latestTimestamp, timestamp);
    sumCents = Math.addExact(sumCents, Math.round(value * 100));
    count++;
    if (digest != null) {
      digest.add(value);
    } else if (count <= exactLimit) {
      keep(value);
    } else {
      digest = new MergingDigest(compression);
      for (int i = 0; i < count - 1; i++) {
        digest.add(values[i]);
      }
      digest.add(value);
      values = null;
    }
  }

  private void keep(double value) {
    if (count > values.length) {
      values = Arrays.copyOf(values, Math.max((int) count, values.length * 2));
    }
    values[(int) count - 1] = value;
  }

  public long count() {
    return count;
  }

  public double mean() {
    requireObservations();
    return (double) sumCents / count / 100.0;
  }

  public double min() {
    requireObservations();
    return min;
  }

  public double max() {
    requireObservations();
    return max;
  }

  /** Timestamp of the newest curated record counted. */
  public long latestTimestamp() {
    return latestTimestamp;
  }

  /** True while quantiles are exact. */
  public boolean isExact() {
    return digest == null;
  }

  public double quantile(double q) {
    return quantiles(q)[0];
  }

  /** Several quantiles at once (one sort of the kept values). */
  public double[] quantiles(double... qs) {
    requireObservations();
    double[] result = new double[qs.length];
    if (digest == null) {
      double[] sorted = Arrays.copyOf(values, (int) count);
      Arrays.sort(sorted);
      for (int i = 0; i < qs.length; i++) {
        result[i] = ExactQuantiles.quantile(sorted, sorted.length, qs[i]);
      }
    } else {
      for (int i = 0; i < qs.length; i++) {
        result[i] = Math.max(min, Math.min(max, digest.quantile(qs[i])));
      }
    }
    return result;
  }

  long sumCents() {
    return sumCents;
  }

  double[] values() {
    return values;
  }

  MergingDigest digest() {
    return digest;
  }

  private void requireObservations() {
    if (count == 0) {
      throw new IllegalStateException("no observations");
    }
  }
}
