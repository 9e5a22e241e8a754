package dev.listings.usecases;

import java.util.List;

/**
 * Price-per-m² statistics computed the plain way, independently of the topology's code: sort, average, R's default
 * (type 7) quantile: position 1 + (n - 1) p in the 1-based sorted sample, interpolated linearly; and the order
 * statistic of rank floor(p n) + 1, which is what a t-digest answers for groups small enough to keep every value.
 */
public record IndependentStats(long count, double mean, double min, double max, double[] sorted) {

  public static IndependentStats of(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    return new IndependentStats(sorted.length, sum / sorted.length, sorted[0], sorted[sorted.length - 1], sorted);
  }

  /** The observation of rank floor(p n) + 1 (1-based, at most n) in ascending order. */
  public double orderStatistic(double p) {
    int rank = Math.min(sorted.length, (int) Math.floor(p * sorted.length) + 1);
    return sorted[rank - 1];
  }

  public double quantile(double p) {
    double clamped = Math.max(0, Math.min(1, p));
    double position = 1 + (sorted.length - 1) * clamped;
    int below = (int) position;
    double fraction = position - below;
    double low = sorted[below - 1];
    double high = below < sorted.length ? sorted[below] : low;
    return low + fraction * (high - low);
  }
}
