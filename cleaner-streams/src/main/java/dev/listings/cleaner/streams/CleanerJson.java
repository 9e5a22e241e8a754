package dev.listings.cleaner.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.listings.cleaner.rules.CleanListing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Writes the cleaner's JSON records: reject records and ledger snapshots, with a streaming generator. */
public final class CleanerJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private CleanerJson() {}

  /**
   * The reject record, with {@code raw} cut to at most {@code rawMaxChars} characters and {@code raw_truncated} set
   * when it was cut.
   */
  public static byte[] reject(Reject reject, int rawMaxChars) {
    return write(json -> {
      json.writeStartObject();
      json.writeStringField("reason", reject.reason());
      json.writeArrayFieldStart("reasons");
      for (String reason : reject.reasons()) {
        json.writeString(reason);
      }
      json.writeEndArray();
      json.writeStringField("message", reject.message());
      json.writeStringField("id", reject.id());
      String raw = reject.raw();
      boolean truncated = raw != null && raw.length() > rawMaxChars;
      json.writeStringField("raw", truncated ? cut(raw, rawMaxChars) : raw);
      json.writeBooleanField("raw_truncated", truncated);
      writeProvenance(json, reject.provenance());
      json.writeStringField("rejected_at", reject.rejectedAt().toString());
      json.writeStringField("rules_version", reject.rulesVersion());
      writeError(json, reject.error());
      json.writeEndObject();
    });
  }

  /**
   * A ledger snapshot: the object and its cumulative counts. A re-drive entry has zero first-judgment counts, its run
   * in {@code redrive_run} and its counts in {@code redriven}.
   */
  static byte[] ledger(LedgerEntry entry) {
    if (entry.redrive()) {
      return ledger(entry.bucket(), entry.key(), entry.etag(), new Counts(0, 0, 0, Map.of()), entry.redriveRun(),
          new Counts(entry.curated(), entry.rejected(), entry.duplicates(), entry.rejectedByReason()));
    }
    return ledger(entry.bucket(), entry.key(), entry.etag(), new Counts(entry.curated(), entry.rejected(),
        entry.duplicates(), entry.rejectedByReason()), null, null);
  }

  /** Outcome counts (or changes to them) of one ledger record. */
  record Counts(long curated, long rejected, long duplicates, Map<String, Long> rejectedByReason) {}

  /**
   * A ledger record: the first-judgment counts, and for re-driven lines the re-drive run and its counts.
   *
   * @param redriveRun null for a first-judgment record (then {@code redriven} is ignored)
   */
  static byte[] ledger(String bucket, String key, String etag, Counts counts, String redriveRun, Counts redriven) {
    return write(json -> {
      json.writeStartObject();
      json.writeStringField("bucket", bucket);
      json.writeStringField("key", key);
      json.writeStringField("etag", etag);
      writeCounts(json, counts);
      if (redriveRun != null) {
        json.writeStringField("redrive_run", redriveRun);
        json.writeObjectFieldStart("redriven");
        writeCounts(json, redriven);
        json.writeEndObject();
      }
      json.writeEndObject();
    });
  }

  private static void writeCounts(JsonGenerator json, Counts counts) throws IOException {
    json.writeNumberField("curated", counts.curated());
    json.writeNumberField("rejected", counts.rejected());
    json.writeNumberField("duplicates", counts.duplicates());
    json.writeObjectFieldStart("rejected_by_reason");
    for (Map.Entry<String, Long> reason : counts.rejectedByReason().entrySet()) {
      json.writeNumberField(reason.getKey(), reason.getValue());
    }
    json.writeEndObject();
  }

  /**
   * A clean listing written back in the input's field names (the price with its currency as text), so a record that
   * failed after the rules can still be read, and re-driven, from its reject.
   */
  static String listingAsInput(CleanListing listing) {
    return new String(write(json -> {
      json.writeStartObject();
      json.writeStringField("id", listing.id());
      String amount = BigDecimal.valueOf(listing.price()).stripTrailingZeros().toPlainString();
      json.writeStringField("raw_price", listing.currency() == null ? amount : amount + " " + listing.currency());
      json.writeNumberField("living_area", listing.livingArea());
      json.writeStringField("property_type", listing.propertyType());
      json.writeStringField("municipality", listing.municipality());
      json.writeStringField("scraping_date", listing.scrapingDate().toString());
      json.writeEndObject();
    }), StandardCharsets.UTF_8);
  }

  private static void writeProvenance(JsonGenerator json, Provenance p) throws IOException {
    json.writeObjectFieldStart("provenance");
    json.writeStringField("bucket", p.bucket());
    json.writeStringField("key", p.key());
    json.writeStringField("etag", p.etag());
    if (p.line() == null) {
      json.writeNullField("line");
    } else {
      json.writeNumberField("line", p.line());
    }
    json.writeStringField("format", p.format());
    json.writeStringField("ingested_at",
        p.ingestedAtMillis() == null ? null : Instant.ofEpochMilli(p.ingestedAtMillis()).toString());
    json.writeEndObject();
  }

  private static void writeError(JsonGenerator json, Reject.ErrorDetails error) throws IOException {
    if (error == null) {
      json.writeNullField("error");
      return;
    }
    json.writeObjectFieldStart("error");
    json.writeStringField("exception", error.exception());
    json.writeStringField("message", error.exceptionMessage());
    json.writeStringField("topic", error.topic());
    json.writeNumberField("partition", error.partition());
    json.writeNumberField("offset", error.offset());
    json.writeStringField("processor", error.processor());
    json.writeEndObject();
  }

  /** The first {@code max} characters, never splitting a surrogate pair. */
  static String cut(String text, int max) {
    int end = max;
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  private interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
      body.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }
}
