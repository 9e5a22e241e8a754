package dev.listings.cleaner.streams;

import dev.listings.cleaner.rules.CleanListing;
import java.util.Objects;

/**
 * A line that passed the rules, on its way to deduplication: the clean listing, where it came from and the version of
 * the rules that accepted it. The value of the repartition topic keyed by listing id.
 */
public record JudgedListing(CleanListing listing, Provenance provenance, String rulesVersion) {
  public JudgedListing {
    Objects.requireNonNull(listing, "listing");
    Objects.requireNonNull(provenance, "provenance");
  }
}
