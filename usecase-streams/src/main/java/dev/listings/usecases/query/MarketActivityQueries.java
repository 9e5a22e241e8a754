package dev.listings.usecases.query;

import dev.listings.usecases.activity.ActivityKey;
import dev.listings.usecases.activity.MarketActivityUseCase;
import java.time.LocalDate;

/** Queries of the market-activity counts: new listings of one municipality on one day. */
public final class MarketActivityQueries {
  private final StoreAccess access;

  public MarketActivityQueries(StoreAccess access) {
    this.access = access;
  }

  public QueryResult<MarketActivityView> newListings(String municipality, LocalDate date) {
    String key = new ActivityKey(municipality, date).topicKey();
    return KeyLookup.<Long, MarketActivityView>lookup(
        access,
        MarketActivityUseCase.COUNT_STORE,
        key,
        key,
        count -> new MarketActivityView(municipality, date.toString(), count));
  }
}
