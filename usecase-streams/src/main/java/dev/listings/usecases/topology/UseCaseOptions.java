package dev.listings.usecases.topology;

import java.time.Duration;

/**
 * Tuning of the built-in use cases.
 *
 * @param pricePerSqmGrace how long after a month ends (measured in scraping dates seen on the partition) records of
 *     that month still update its statistics; later ones are counted as late and left out
 * @param digestCompression compression of the t-digest each price-per-sqm group keeps for its quantiles (about the
 *     number of centroids kept; higher is more accurate and larger)
 * @param priceHistorySize how many recent price changes are kept per listing for queries
 */
public record UseCaseOptions(
    Duration pricePerSqmGrace, double digestCompression, int priceHistorySize) {

  /**
   * Ten years: scrapes arrive in any order of scraping date (the bundled sample spans six years in id order), so by
   * default no month closes; deployments that want final monthly figures set a shorter grace.
   */
  public static final Duration DEFAULT_GRACE = Duration.ofDays(3650);

  public static final double DEFAULT_DIGEST_COMPRESSION = 200;
  public static final int DEFAULT_PRICE_HISTORY_SIZE = 20;

  public UseCaseOptions {
    if (pricePerSqmGrace == null || pricePerSqmGrace.isNegative()) {
      throw new IllegalArgumentException("price-per-sqm grace must be zero or positive, got " + pricePerSqmGrace);
    }
    if (digestCompression < 20) {
      throw new IllegalArgumentException("t-digest compression must be at least 20, got " + digestCompression);
    }
    if (priceHistorySize < 1) {
      throw new IllegalArgumentException("price history size must be at least 1, got " + priceHistorySize);
    }
  }

  public static UseCaseOptions defaults() {
    return new UseCaseOptions(DEFAULT_GRACE, DEFAULT_DIGEST_COMPRESSION, DEFAULT_PRICE_HISTORY_SIZE);
  }

  public UseCaseOptions withPricePerSqmGrace(Duration grace) {
    return new UseCaseOptions(grace, digestCompression, priceHistorySize);
  }

  public UseCaseOptions withDigestCompression(double compression) {
    return new UseCaseOptions(pricePerSqmGrace, compression, priceHistorySize);
  }

  public UseCaseOptions withPriceHistorySize(int size) {
    return new UseCaseOptions(pricePerSqmGrace, digestCompression, size);
  }
}
