package dev.listings.cleaner.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cleaning rules as small pure functions, in the order of the design brief. Each returns null when the rule
 * passes, or the {@link Failure} with a message naming the field and the offending value. The judging order and which
 * rules apply to which parsed values live in {@link ListingJudge}.
 */
public final class Rules {
  /** Required input fields, in the order they are reported. */
  public static final List<String> REQUIRED_FIELDS =
      List.of("id", "raw_price", "living_area", "property_type", "scraping_date");

  private static final int QUOTED_VALUE_MAX = 80;

  private Rules() {}

  /** Rule 1: the line is one JSON object and nothing else. */
  public static Failure jsonObject(JsonNode parsed) {
    if (parsed != null && parsed.isObject()) {
      return null;
    }
    String kind = parsed == null || parsed.isMissingNode()
        ? "empty"
        : parsed.getNodeType().name().toLowerCase(Locale.ROOT);
    return new Failure(RejectReason.MALFORMED_RECORD, "the line is not a JSON object (" + kind + ")");
  }

  /**
   * Rule 2: every required field present, not null and, when text, not blank; the id must be text or an integer.
   */
  public static Failure requiredFields(JsonNode listing) {
    List<String> missing = new ArrayList<>(0);
    for (String field : REQUIRED_FIELDS) {
      JsonNode value = listing.get(field);
      if (!isPresent(value) || (field.equals("id") && idOf(listing) == null)) {
        missing.add(field);
      }
    }
    return missing.isEmpty()
        ? null
        : new Failure(RejectReason.MISSING_FIELD, "missing or blank: " + String.join(", ", missing));
  }

  /** The listing id, trimmed, when it is non-blank text or an integer; else null. */
  public static String idOf(JsonNode listing) {
    JsonNode id = listing.get("id");
    if (id == null) {
      return null;
    }
    if (id.isTextual()) {
      String text = id.textValue().strip();
      return text.isEmpty() ? null : text;
    }
    return id.isIntegralNumber() ? id.asText() : null;
  }

  /** True when a field has a usable value: not absent, not null, not blank text. */
  public static boolean isPresent(JsonNode value) {
    return value != null && !value.isNull() && !value.isMissingNode() && !(value.isTextual() && value.asText().isBlank());
  }

  /** Rule 3: the price as an amount; text or a JSON number. */
  public static PriceResult price(JsonNode rawPrice) {
    if (rawPrice.isNumber()) {
      return PriceParser.fromNumber(rawPrice.doubleValue());
    }
    if (rawPrice.isTextual()) {
      return PriceParser.parse(rawPrice.textValue());
    }
    return new PriceResult.Unparseable("is neither text nor a number");
  }

  public static Failure priceFailure(JsonNode rawPrice, PriceResult.Unparseable result) {
    return new Failure(RejectReason.PRICE_UNPARSEABLE, "raw_price " + quote(rawPrice) + " " + result.why());
  }

  /** Rule 4: the living area in m², from a JSON number or a numeric string with an optional unit. */
  public static LivingAreaParser.Result livingArea(JsonNode area) {
    if (area.isNumber()) {
      return LivingAreaParser.fromNumber(area.doubleValue());
    }
    if (area.isTextual()) {
      return LivingAreaParser.parse(area.textValue());
    }
    return LivingAreaParser.Result.invalid("is neither text nor a number");
  }

  public static Failure areaFailure(JsonNode area, LivingAreaParser.Result result) {
    return new Failure(RejectReason.AREA_INVALID, "living_area " + quote(area) + " " + result.why());
  }

  /** Rule 5: the scraping date as a real calendar date, or null. */
  public static LocalDate scrapingDate(JsonNode date) {
    return date.isTextual() ? ScrapingDateParser.parse(date.textValue()) : null;
  }

  public static Failure dateFailure(JsonNode date) {
    return new Failure(RejectReason.DATE_INVALID, "scraping_date " + quote(date)
        + " is not a real date as YYYY-MM-DD, an ISO date-time, DD.MM.YYYY, DD/MM/YYYY or YYYY/MM/DD");
  }

  /** Rule 6, first half: the property type trimmed, lower-cased and mapped through the synonyms; null if not text. */
  public static String propertyType(JsonNode type, CleaningRules rules) {
    if (!type.isTextual()) {
      return null;
    }
    String normalised = CleaningRules.normalise(type.textValue());
    return rules.propertyTypeSynonyms().getOrDefault(normalised, normalised);
  }

  /** Rule 6, second half: the normalised type is one the rules allow. */
  public static Failure propertyTypeAllowed(JsonNode type, String normalised, CleaningRules rules) {
    if (normalised != null && rules.allowedPropertyTypes().contains(normalised)) {
      return null;
    }
    return new Failure(RejectReason.PROPERTY_TYPE_EXCLUDED, "property_type " + quote(type)
        + " is not one of " + rules.allowedPropertyTypes());
  }

  /** Rule 7: the living area within the configured range, bounds included. */
  public static Failure areaInRange(double squareMeters, CleaningRules rules) {
    if (squareMeters >= rules.minLivingArea() && squareMeters <= rules.maxLivingArea()) {
      return null;
    }
    return new Failure(RejectReason.AREA_OUT_OF_RANGE, "living_area " + plain(squareMeters) + " m² is outside ["
        + plain(rules.minLivingArea()) + ", " + plain(rules.maxLivingArea()) + "]");
  }

  /** Price per m²: price / area rounded to 2 decimals, half up, on the decimal values as written. */
  public static double pricePerSquareMeter(double price, double squareMeters) {
    if (isWhole(price, 0x1p46) && isWhole(squareMeters, 0x1p46)) {
      // Whole numbers (most prices and many areas): the same half-up rounding in long arithmetic, without the
      // decimal expansion of both doubles. Below 2^46 the price in cents stays under 2^53, so the quotient and 100 are
      // exact doubles and quotient / 100.0 is the correctly rounded value BigDecimal.doubleValue() gives.
      long cents = (long) price * 100;
      long area = (long) squareMeters;
      long quotient = cents / area;
      if (2 * (cents % area) >= area) {
        quotient++;
      }
      return quotient / 100.0;
    }
    return BigDecimal.valueOf(price)
        .divide(BigDecimal.valueOf(squareMeters), 2, RoundingMode.HALF_UP)
        .doubleValue();
  }

  private static boolean isWhole(double value, double max) {
    return value > 0 && value <= max && value == Math.rint(value);
  }

  /** Rule 8: the (rounded) price per m² within the configured range, bounds included. */
  public static Failure pricePerSqmInRange(double pricePerSqm, CleaningRules rules) {
    if (pricePerSqm >= rules.minPricePerSqm() && pricePerSqm <= rules.maxPricePerSqm()) {
      return null;
    }
    return new Failure(RejectReason.PRICE_PER_SQM_OUT_OF_RANGE, "price per m² " + plain(pricePerSqm)
        + " is outside [" + plain(rules.minPricePerSqm()) + ", " + plain(rules.maxPricePerSqm()) + "]");
  }

  /** Rule 9 (off unless a minimum date is configured): the scraping date on or after the minimum. */
  public static Failure scrapingDateInRange(LocalDate date, CleaningRules rules) {
    LocalDate min = rules.minScrapingDate();
    if (min == null || !date.isBefore(min)) {
      return null;
    }
    return new Failure(RejectReason.DATE_OUT_OF_RANGE, "scraping_date " + date + " is before " + min);
  }

  static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** The value as JSON text, shortened, so messages stay readable whatever the input. */
  static String quote(JsonNode value) {
    String text = value.toString();
    return text.length() <= QUOTED_VALUE_MAX ? text : text.substring(0, QUOTED_VALUE_MAX) + "…";
  }
}
