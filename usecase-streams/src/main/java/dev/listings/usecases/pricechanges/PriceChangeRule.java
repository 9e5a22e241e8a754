package dev.listings.usecases.pricechanges;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.PriceChange;
import dev.listings.usecases.model.Lineage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a new version of a listing changes its price. Currencies conflict only when both versions state one
 * and they differ; a version without a stated currency is taken to be in the other's currency. Without a conflict a
 * different amount is a change, with absolute and relative change; with a conflict the version is a change whatever the
 * amounts, and the absolute and relative change are null because amounts in two currencies do not compare.
 */
public final class PriceChangeRule {
  private PriceChangeRule() {}

  public static Optional<PriceChange> between(ListingPriceState previous, CuratedListing next, Instant detectedAt) {
    boolean conflict =
        previous.currency() != null
            && next.getCurrency() != null
            && !Objects.equals(previous.currency(), next.getCurrency());
    if (!conflict && previous.price() == next.getPrice()) {
      return Optional.empty();
    }
    Double absolute = conflict ? null : next.getPrice() - previous.price();
    Double relative = conflict ? null : (next.getPrice() - previous.price()) / previous.price();
    return Optional.of(
        PriceChange.newBuilder()
            .setId(next.getId())
            .setMunicipality(next.getMunicipality())
            .setPropertyType(next.getPropertyType())
            .setOldPrice(previous.price())
            .setNewPrice(next.getPrice())
            .setOldCurrency(previous.currency())
            .setNewCurrency(next.getCurrency())
            .setAbsoluteChange(absolute)
            .setRelativeChange(relative)
            .setOldScrapingDate(previous.scrapingDate())
            .setNewScrapingDate(next.getScrapingDate())
            .setSource(Lineage.of(next))
            .setDetectedAt(detectedAt)
            .build());
  }
}
