package dev.listings.cleaner.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges one raw line against the {@link CleaningRules}: parses it, applies the {@link Rules} in the brief's order
 * and returns the clean listing or every failing rule. Each rule is evaluated when the values it needs parsed, so a
 * line with an unparseable price still reports an excluded property type, while the price-per-m² range is only checked
 * when both price and area parsed. Thread-safe and without side effects.
 */
public final class ListingJudge {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final CleaningRules rules;

  public ListingJudge(CleaningRules rules) {
    this.rules = rules;
  }

  public CleaningRules rules() {
    return rules;
  }

  /** Judges a line given as UTF-8 bytes. */
  public Verdict judge(byte[] line) {
    JsonNode parsed;
    try {
      parsed = line == null || line.length == 0 ? null : JSON.readTree(line);
    } catch (JsonProcessingException e) {
      String why = e.getOriginalMessage();
      if (e.getLocation() != null) {
        why += " at column " + e.getLocation().getColumnNr();
      }
      return Verdict.Rejected.of(null, RejectReason.MALFORMED_RECORD, "the line is not valid JSON: " + why);
    } catch (IOException e) {
      return Verdict.Rejected.of(null, RejectReason.MALFORMED_RECORD, "the line is not valid JSON: " + e.getMessage());
    }
    Failure notAnObject = Rules.jsonObject(parsed);
    return notAnObject == null ? judge(parsed) : new Verdict.Rejected(null, List.of(notAnObject));
  }

  /** Judges a listing already parsed as a JSON object. */
  public Verdict judge(JsonNode listing) {
    List<Failure> failures = new ArrayList<>(0);
    add(failures, Rules.requiredFields(listing));

    JsonNode rawPrice = listing.get("raw_price");
    PriceResult.Amount price = null;
    if (Rules.isPresent(rawPrice)) {
      PriceResult result = Rules.price(rawPrice);
      if (result instanceof PriceResult.Amount amount) {
        price = amount;
      } else {
        failures.add(Rules.priceFailure(rawPrice, (PriceResult.Unparseable) result));
      }
    }

    JsonNode rawArea = listing.get("living_area");
    double area = Double.NaN;
    if (Rules.isPresent(rawArea)) {
      LivingAreaParser.Result result = Rules.livingArea(rawArea);
      if (result.isValid()) {
        area = result.squareMeters();
      } else {
        failures.add(Rules.areaFailure(rawArea, result));
      }
    }

    JsonNode rawDate = listing.get("scraping_date");
    LocalDate date = null;
    if (Rules.isPresent(rawDate)) {
      date = Rules.scrapingDate(rawDate);
      if (date == null) {
        failures.add(Rules.dateFailure(rawDate));
      }
    }

    JsonNode rawType = listing.get("property_type");
    String type = null;
    if (Rules.isPresent(rawType)) {
      type = Rules.propertyType(rawType, rules);
      add(failures, Rules.propertyTypeAllowed(rawType, type, rules));
    }

    double pricePerSqm = Double.NaN;
    if (!Double.isNaN(area)) {
      add(failures, Rules.areaInRange(area, rules));
      if (price != null) {
        pricePerSqm = Rules.pricePerSquareMeter(price.value(), area);
        add(failures, Rules.pricePerSqmInRange(pricePerSqm, rules));
      }
    }
    if (date != null) {
      add(failures, Rules.scrapingDateInRange(date, rules));
    }

    String id = Rules.idOf(listing);
    if (!failures.isEmpty()) {
      return new Verdict.Rejected(id, failures);
    }
    return new Verdict.Accepted(new CleanListing(id, date, type, municipalityOf(listing), price.value(),
        price.currency(), area, pricePerSqm));
  }

  private static String municipalityOf(JsonNode listing) {
    JsonNode value = listing.get("municipality");
    if (value == null || !value.isValueNode() || value.isNull()) {
      return null;
    }
    String text = value.asText().strip();
    return text.isEmpty() ? null : text;
  }

  private static void add(List<Failure> failures, Failure failure) {
    if (failure != null) {
      failures.add(failure);
    }
  }
}
