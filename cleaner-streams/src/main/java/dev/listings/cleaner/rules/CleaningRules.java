package dev.listings.cleaner.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The configurable part of the cleaning rules, as plain immutable data: the accepted ranges, the allowed property types,
 * an optional synonym table for property types and an optional minimum scraping date. {@link #defaults()} is exactly the
 * design brief's rule set. {@link #version()} names the effective rules ({@code <name>-<hash>}), so any change of a
 * value yields a new version that curated listings and rejects record.
 *
 * @param name a label for the rule set, the first part of the version
 * @param minScrapingDate when not null, scraping dates before it are rejected (inclusive minimum)
 */
public record CleaningRules(
    String name,
    double minLivingArea,
    double maxLivingArea,
    double minPricePerSqm,
    double maxPricePerSqm,
    Set<String> allowedPropertyTypes,
    Map<String, String> propertyTypeSynonyms,
    LocalDate minScrapingDate) {

  /**
   * Bumped whenever the code's reading of a rule changes (parser formats, rounding), so that the version changes even
   * when the configured values do not.
   */
  static final int RULE_LOGIC_REVISION = 1;

  /** A synonym table worth enabling for Swiss, German and French sources; off unless configured. */
  public static final Map<String, String> SUGGESTED_SYNONYMS =
      Map.of(
          "wohnung", "apartment",
          "appartement", "apartment",
          "flat", "apartment",
          "haus", "house",
          "maison", "house",
          "villa", "house");

  public CleaningRules {
    name = requireText(name, "name");
    requireRange(minLivingArea, maxLivingArea, "living area");
    requireRange(minPricePerSqm, maxPricePerSqm, "price per square meter");
    allowedPropertyTypes = normalisedSet(allowedPropertyTypes);
    if (allowedPropertyTypes.isEmpty()) {
      throw new IllegalArgumentException("at least one property type must be allowed");
    }
    propertyTypeSynonyms = normalisedMap(propertyTypeSynonyms == null ? Map.of() : propertyTypeSynonyms);
  }

  /** The design brief's defaults: area [10, 500] m², price per m² [500, 15000], apartment or house, no synonyms. */
  public static CleaningRules defaults() {
    return new CleaningRules("default", 10, 500, 500, 15_000, Set.of("apartment", "house"), Map.of(), null);
  }

  public CleaningRules withName(String newName) {
    return new CleaningRules(newName, minLivingArea, maxLivingArea, minPricePerSqm, maxPricePerSqm,
        allowedPropertyTypes, propertyTypeSynonyms, minScrapingDate);
  }

  public CleaningRules withPropertyTypeSynonyms(Map<String, String> synonyms) {
    return new CleaningRules(name, minLivingArea, maxLivingArea, minPricePerSqm, maxPricePerSqm,
        allowedPropertyTypes, synonyms, minScrapingDate);
  }

  public CleaningRules withMinScrapingDate(LocalDate date) {
    return new CleaningRules(name, minLivingArea, maxLivingArea, minPricePerSqm, maxPricePerSqm,
        allowedPropertyTypes, propertyTypeSynonyms, date);
  }

  public CleaningRules withLivingAreaRange(double min, double max) {
    return new CleaningRules(name, min, max, minPricePerSqm, maxPricePerSqm,
        allowedPropertyTypes, propertyTypeSynonyms, minScrapingDate);
  }

  public CleaningRules withPricePerSqmRange(double min, double max) {
    return new CleaningRules(name, minLivingArea, maxLivingArea, min, max,
        allowedPropertyTypes, propertyTypeSynonyms, minScrapingDate);
  }

  public CleaningRules withAllowedPropertyTypes(Set<String> types) {
    return new CleaningRules(name, minLivingArea, maxLivingArea, minPricePerSqm, maxPricePerSqm,
        types, propertyTypeSynonyms, minScrapingDate);
  }

  /** {@code <name>-<first 8 hex digits of the SHA-256 of the effective rules>}, e.g. {@code default-1a2b3c4d}. */
  public String version() {
    return name + "-" + HexFormat.of().formatHex(sha256(canonicalForm()), 0, 4);
  }

  /** A stable text of every value that affects a verdict; equal rules give equal text. */
  String canonicalForm() {
    return "logic=" + RULE_LOGIC_REVISION
        + ";area=[" + minLivingArea + "," + maxLivingArea + "]"
        + ";ppsm=[" + minPricePerSqm + "," + maxPricePerSqm + "]"
        + ";types=" + allowedPropertyTypes
        + ";synonyms=" + new TreeMap<>(propertyTypeSynonyms)
        + ";min-date=" + minScrapingDate;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  private static String requireText(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("rules " + what + " must not be blank");
    }
    return value.trim();
  }

  private static void requireRange(double min, double max, String what) {
    if (!(min > 0) || !(max >= min) || Double.isInfinite(max)) {
      throw new IllegalArgumentException(
          "the " + what + " range must be finite, positive and min <= max, got [" + min + ", " + max + "]");
    }
  }

  private static Set<String> normalisedSet(Set<String> values) {
    if (values == null) {
      return Set.of();
    }
    // Sorted, so that messages and the canonical form list the types in one order without sorting them again.
    return Collections.unmodifiableSortedSet(values.stream().map(CleaningRules::normalise).filter(v -> !v.isEmpty())
        .collect(Collectors.toCollection(TreeSet::new)));
  }

  private static Map<String, String> normalisedMap(Map<String, String> values) {
    return values.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(e -> normalise(e.getKey()), e -> normalise(e.getValue()),
            (a, b) -> {
              if (!a.equals(b)) {
                throw new IllegalArgumentException("a property type synonym maps to both " + a + " and " + b);
              }
              return a;
            }));
  }

  /** Trimmed and lower-cased (locale-independent), as property types are compared. */
  public static String normalise(String propertyType) {
    return propertyType.trim().toLowerCase(Locale.ROOT);
  }
}
