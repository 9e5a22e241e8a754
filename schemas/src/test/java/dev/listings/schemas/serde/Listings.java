package dev.listings.schemas.serde;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.avro.Provenance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Sample curated listings and variants of their schema for evolution tests. */
final class Listings {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Listings() {}

  static CuratedListing listing(String id) {
    return CuratedListing.newBuilder()
        .setId(id)
        .setScrapingDate(LocalDate.of(2024, 3, 14))
        .setPropertyType("apartment")
        .setMunicipality("Zürich")
        .setPrice(1_250_000.0)
        .setCurrency("CHF")
        .setLivingArea(84.5)
        .setPricePerSquareMeter(14792.9)
        .setSource(Provenance.newBuilder()
            .setBucket("landing")
            .setKey("2024/03/14/scrape.jsonl")
            .setEtag("\"abc\"")
            .setLine(42L)
            .setIngestedAt(Instant.parse("2024-03-14T10:15:30.123Z"))
            .build())
        .setRulesVersion("rules-1")
        .build();
  }

  /** The first released CuratedListing schema, as kept in the released folder. */
  static Schema releasedV1() {
    try (InputStream in = Listings.class.getResourceAsStream("/released/CuratedListing/v1.avsc")) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The current schema with one more top-level field, inserted before {@code source}. */
  static Schema withExtraField(Schema base, String fieldJson) {
    ObjectNode tree = tree(base);
    ArrayNode fields = (ArrayNode) tree.get("fields");
    fields.insert(2, parse(fieldJson));
    return new Schema.Parser().parse(tree.toString());
  }

  /** The current schema without one top-level field. */
  static Schema without(Schema base, String fieldName) {
    ObjectNode tree = tree(base);
    ArrayNode fields = (ArrayNode) tree.get("fields");
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).get("name").asText().equals(fieldName)) {
        fields.remove(i);
        return new Schema.Parser().parse(tree.toString());
      }
    }
    throw new IllegalArgumentException("no field " + fieldName);
  }

  /** The sample listing as a generic record of {@code schema}: shared fields copied, the others at their defaults. */
  static GenericRecord asGeneric(CuratedListing listing, Schema schema) {
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field field : schema.getFields()) {
      Schema.Field known = CuratedListing.getClassSchema().getField(field.name());
      if (known == null) {
        record.put(field.name(), GenericData.get().getDefaultValue(field));
      } else if (field.name().equals("scraping_date")) {
        record.put(field.name(), (int) listing.getScrapingDate().toEpochDay());
      } else if (field.name().equals("source")) {
        GenericData.Record source = new GenericData.Record(field.schema());
        Provenance p = listing.getSource();
        source.put("bucket", p.getBucket());
        source.put("key", p.getKey());
        source.put("etag", p.getEtag());
        source.put("line", p.getLine());
        source.put("ingested_at", p.getIngestedAt().toEpochMilli());
        record.put(field.name(), source);
      } else {
        record.put(field.name(), listing.get(known.pos()));
      }
    }
    return record;
  }

  private static ObjectNode tree(Schema schema) {
    return (ObjectNode) parse(schema.toString());
  }

  private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
