package dev.listings.infra.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.Provenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.avro.Schema;

/** Curated listings, the project's real Avro type, for the tests that run its serdes against the registry. */
final class CuratedListings {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CuratedListings() {}

  static CuratedListing listing(String id) {
    return CuratedListing.newBuilder()
        .setId(id)
        .setScrapingDate(LocalDate.of(2021, 2, 17))
        .setPropertyType("apartment")
        .setMunicipality("Solothurn")
        .setPrice(530_000.0)
        .setCurrency("EUR")
        .setLivingArea(84.0)
        .setPricePerSquareMeter(6309.52)
        .setSource(Provenance.newBuilder()
            .setBucket("landing")
            .setKey("sample/scraping_data.jsonl")
            .setEtag("abc")
            .setLine(1)
            .setIngestedAt(Instant.ofEpochMilli(1_700_000_000_000L))
            .build())
        .setRulesVersion("default-1")
        .build();
  }

  /** {@code base} with one more top-level field, inserted third. */
  static Schema withExtraField(Schema base, String fieldJson) {
    try {
      ObjectNode tree = (ObjectNode) JSON.readTree(base.toString());
      ((ArrayNode) tree.get("fields")).insert(2, JSON.readTree(fieldJson));
      return new Schema.Parser().parse(tree.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
