package dev.listings.usecases.pricepersqm;

import com.tdunning.math.stats.MergingDigest;

/**
 * Running statistics of the price-per-m² observations of one group. Count, min and max are exact; the mean is exact to
 * the cent because the sum is kept in whole cents (curated prices per m² carry two decimals), which also makes it
 * independent of arrival order. Quantiles come from a t-digest ({@link MergingDigest}) that takes every observation,
 * whatever the size of the group, clamped to [min, max]. While a group is small enough for the digest to keep each
 * observation as its own centroid (at the default compression of 200, every group of up to 50 observations, and in
 * practice up to about 75), quantile q is the observation of rank ⌊q·n⌋ + 1 in ascending order (at most n): the
 * median of an odd count is its middle value, that of an even count the upper of the two middle values.
 */
public final class PriceStats {
  private long count;
  private long sumCents;
  private double min;
  private double max;
  private long latestTimestamp;
  private final MergingDigest digest;

  /** Empty statistics whose digest has this compression (about the number of centroids it keeps). */
  public PriceStats(double compression) {
    this.digest = new MergingDigest(compression);
  }

  PriceStats(long count, long sumCents, double min, double max, long latestTimestamp, MergingDigest digest) {
    this.count = count;
    this.sumCents = sumCents;
    this.min = min;
    this.max = max;
    this.latestTimestamp = latestTimestamp;
    this.digest = digest;
  }

  /** Adds one observation made at {@code timestamp} (epoch ms). */
  public void add(double value, long timestamp) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("price per m² must be finite, got " + value);
    }
    min = count == 0 ? value : Math.min(min, value);
    max = count == 0 ? value : Math.max(max, value);
    latestTimestamp = count == 0 ? timestamp : Math.max(latestTimestamp, timestamp);
    sumCents = Math.addExact(sumCents, Math.round(value * 100));
    count++;
    digest.add(value);
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

  public double quantile(double q) {
    return quantiles(q)[0];
  }

  /** The digest's estimates of several quantiles, each clamped to [min, max]. */
  public double[] quantiles(double... qs) {
    requireObservations();
    double[] result = new double[qs.length];
    for (int i = 0; i < qs.length; i++) {
      if (qs[i] < 0 || qs[i] > 1) {
        throw new IllegalArgumentException("quantile must be in [0, 1], got " + qs[i]);
      }
      result[i] = Math.max(min, Math.min(max, digest.quantile(qs[i])));
    }
    return result;
  }

  long sumCents() {
    return sumCents;
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
