package dev.listings.usecases.pricechanges;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.PriceChange;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the price-change use case remembers of one listing: the price, currency and scraping date of its latest version
 * (by scraping date), and its most recent price changes, newest first. A version that states no currency keeps the
 * currency last stated, since its price is taken to be in that currency.
 */
public record ListingPriceState(
    double price, String currency, LocalDate scrapingDate, List<PriceChange> recentChanges) {

  public ListingPriceState {
    recentChanges = List.copyOf(recentChanges);
  }

  public static ListingPriceState first(CuratedListing listing) {
    return new ListingPriceState(
        listing.getPrice(), listing.getCurrency(), listing.getScrapingDate(), List.of());
  }

  /** This state moved on to {@code listing}, with {@code change} (if any) added in front of at most {@code keep}. */
  public ListingPriceState next(CuratedListing listing, PriceChange change, int keep) {
    List<PriceChange> changes = new ArrayList<>(keep);
    if (change != null) {
      changes.add(change);
    }
    for (PriceChange older : recentChanges) {
      if (changes.size() >= keep) {
        break;
      }
      changes.add(older);
    }
    String stated = listing.getCurrency() != null ? listing.getCurrency() : currency;
    return new ListingPriceState(listing.getPrice(), stated, listing.getScrapingDate(), changes);
  }
}
