package dev.listings.usecases.model;

import dev.listings.schemas.avro.CuratedListing;

/**
 * The municipality a listing is grouped under. Curated listings may have none; they are grouped under {@link #UNKNOWN}
 * rather than dropped, so that every curated record is counted somewhere.
 */
public final class Municipality {
  /** Group of listings whose municipality is null or blank. */
  public static final String UNKNOWN = "(unknown)";

  private Municipality() {}

  public static String of(CuratedListing listing) {
    return orUnknown(listing.getMunicipality());
  }

  public static String orUnknown(String municipality) {
    return municipality == null || municipality.isBlank() ? UNKNOWN : municipality.strip();
  }
}
