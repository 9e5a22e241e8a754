package dev.listings.usecases.query;

import dev.listings.schemas.avro.PricePerSqmStats;
import dev.listings.usecases.pricepersqm.PricePerSqmUseCase;
import dev.listings.usecases.pricepersqm.StatsKey;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Queries of the price-per-m² statistics store. */
public final class PricePerSqmQueries {
  /** Highest median first; equal medians by municipality name, so that results are stable. */
  public static final Comparator<PricePerSqmView> BY_MEDIAN_DESCENDING =
      Comparator.comparingDouble(PricePerSqmView::median)
          .reversed()
          .thenComparing(PricePerSqmView::municipality);

  private final StoreAccess access;

  public PricePerSqmQueries(StoreAccess access) {
    this.access = access;
  }

  /** Current statistics of one municipality, property type and month. */
  public QueryResult<PricePerSqmView> stats(String municipality, String propertyType, YearMonth month) {
    StatsKey key = new StatsKey(municipality, propertyType, month);
    return KeyLookup.<PricePerSqmStats, PricePerSqmView>lookup(
        access, PricePerSqmUseCase.STATS_STORE, key.topicKey(), key.storeKey(), PricePerSqmView::of);
  }

  /**
   * The {@code n} municipalities with the highest median price per m² for one type and month among the statistics held
   * by this instance, leaving out groups with fewer than {@code minCount} observations. The answer over all instances
   * is the {@link #mergeTop merge} of every instance's local answer.
   */
  public QueryResult<List<PricePerSqmView>> localTop(String propertyType, YearMonth month, int n, long minCount) {
    List<PricePerSqmView> found = new ArrayList<>();
    try {
      ReadOnlyKeyValueStore<String, PricePerSqmStats> store = access.local(PricePerSqmUseCase.STATS_STORE, null);
      try (KeyValueIterator<String, PricePerSqmStats> it =
          store.prefixScan(StatsKey.storePrefix(propertyType, month), new StringSerializer())) {
        while (it.hasNext()) {
          KeyValue<String, PricePerSqmStats> entry = it.next();
          if (entry.value.getCount() >= minCount) {
            found.add(PricePerSqmView.of(entry.value));
          }
        }
      }
    } catch (StoreUnavailableException | InvalidStateStoreException e) {
      return new QueryResult.Unavailable<>("price-per-sqm statistics are not queryable: " + e.getMessage());
    }
    return new QueryResult.Found<>(mergeTop(List.of(found), n));
  }

  /** The first {@code n} of several instances' answers, {@link #BY_MEDIAN_DESCENDING}. */
  public static List<PricePerSqmView> mergeTop(Collection<List<PricePerSqmView>> answers, int n) {
    return answers.stream().flatMap(List::stream).sorted(BY_MEDIAN_DESCENDING).limit(n).toList();
  }
}
