package dev.listings.usecases.model;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.Provenance;

/** Where a curated listing came from, as {@code s3://bucket/key#line}, the form the tables' lineage columns use. */
public final class Lineage {
  private Lineage() {}

  public static String of(CuratedListing listing) {
    Provenance source = listing.getSource();
    return "s3://" + source.getBucket() + "/" + source.getKey() + "#" + source.getLine();
  }
}
