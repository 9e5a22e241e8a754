package dev.listings.usecases.query;

import dev.listings.usecases.pricechanges.ListingPriceState;
import dev.listings.usecases.pricechanges.PriceChangesUseCase;
import java.util.List;

/** Queries of the price-change state: the recent price changes of one listing. */
public final class PriceChangeQueries {
  private final StoreAccess access;

  public PriceChangeQueries(StoreAccess access) {
    this.access = access;
  }

  /** The listing's most recent price changes, newest first; empty when it never changed; not found when unknown. */
  public QueryResult<List<PriceChangeView>> recentChanges(String listingId) {
    return KeyLookup.<ListingPriceState, List<PriceChangeView>>lookup(
        access,
        PriceChangesUseCase.STATE_STORE,
        listingId,
        listingId,
        state -> state.recentChanges().stream().map(PriceChangeView::of).toList());
  }
}
