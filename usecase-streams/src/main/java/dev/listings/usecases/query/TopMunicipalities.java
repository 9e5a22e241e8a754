package dev.listings.usecases.query;

import dev.listings.usecases.pricepersqm.PricePerSqmUseCase;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Top-N municipalities by median price per m² over all instances: every instance holding statistics answers for its
 * own partitions and the answers are merged. If any instance cannot answer, the whole answer is unavailable rather
 * than silently partial.
 */
public final class TopMunicipalities {

  /** Asks another instance for its local top-N. */
  @FunctionalInterface
  public interface RemoteTop {
    List<PricePerSqmView> fetch(HostInfo host, String propertyType, YearMonth month, int n, long minCount)
        throws Exception;
  }

  private final StoreAccess access;
  private final PricePerSqmQueries queries;
  private final RemoteTop remote;

  public TopMunicipalities(StoreAccess access, RemoteTop remote) {
    this.access = access;
    this.queries = new PricePerSqmQueries(access);
    this.remote = remote;
  }

  public QueryResult<List<PricePerSqmView>> top(String propertyType, YearMonth month, int n, long minCount) {
    Set<HostInfo> hosts = access.hostsOf(PricePerSqmUseCase.STATS_STORE);
    if (hosts.isEmpty()) {
      return new QueryResult.Unavailable<>("no instance hosts the price-per-sqm statistics yet");
    }
    List<List<PricePerSqmView>> answers = new ArrayList<>();
    for (HostInfo host : hosts) {
      if (host.equals(access.self())) {
        QueryResult<List<PricePerSqmView>> local = queries.localTop(propertyType, month, n, minCount);
        if (!(local instanceof QueryResult.Found<List<PricePerSqmView>> found)) {
          return local;
        }
        answers.add(found.value());
      } else {
        try {
          answers.add(remote.fetch(host, propertyType, month, n, minCount));
        } catch (Exception e) {
          if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
          }
          return new QueryResult.Unavailable<>("instance " + host + " did not answer: " + e.getMessage());
        }
      }
    }
    return new QueryResult.Found<>(PricePerSqmQueries.mergeTop(answers, n));
  }
}
