package dev.listings.local.ops;

import dev.listings.cleaner.rules.CleaningRules;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cleaning rules for a side instance: the defaults with {@code KEY=VALUE} changes named like the cleaner's own
 * settings without the {@code cleaner.rules.} prefix ({@code max-living-area=800},
 * {@code allowed-property-types=apartment,house,studio}, {@code property-type-synonyms.wohnung=apartment}).
 */
public final class RulesOverrides {
  static final List<String> KEYS = List.of("name", "min-living-area", "max-living-area", "min-price-per-sqm",
      "max-price-per-sqm", "allowed-property-types", "property-type-synonyms.<synonym>", "min-scraping-date");

  private RulesOverrides() {}

  public static CleaningRules apply(CleaningRules base, List<String> overrides) {
    CleaningRules rules = base;
    Map<String, String> synonyms = new HashMap<>(base.propertyTypeSynonyms());
    boolean synonymsChanged = false;
    for (String override : overrides) {
      int eq = override.indexOf('=');
      if (eq <= 0) {
        throw new OpsException("--rule '" + override + "' is not KEY=VALUE; keys: " + String.join(", ", KEYS));
      }
      String key = override.substring(0, eq).strip().replaceFirst("^cleaner\\.rules\\.", "");
      String value = override.substring(eq + 1).strip();
      try {
        switch (key) {
          case "name" -> rules = rules.withName(value);
          case "min-living-area" -> rules = rules.withLivingAreaRange(number(value), rules.maxLivingArea());
          case "max-living-area" -> rules = rules.withLivingAreaRange(rules.minLivingArea(), number(value));
          case "min-price-per-sqm" -> rules = rules.withPricePerSqmRange(number(value), rules.maxPricePerSqm());
          case "max-price-per-sqm" -> rules = rules.withPricePerSqmRange(rules.minPricePerSqm(), number(value));
          case "allowed-property-types" -> rules = rules.withAllowedPropertyTypes(list(value));
          case "min-scraping-date" ->
              rules = rules.withMinScrapingDate(value.isEmpty() ? null : LocalDate.parse(value));
          default -> {
            if (!key.startsWith("property-type-synonyms.") || key.length() == "property-type-synonyms.".length()) {
              throw new OpsException("--rule: unknown key '" + key + "'; keys: " + String.join(", ", KEYS));
            }
            synonyms.put(key.substring("property-type-synonyms.".length()), value);
            synonymsChanged = true;
          }
        }
      } catch (DateTimeParseException e) {
        throw new OpsException("--rule " + key + ": '" + value + "' is not a date (YYYY-MM-DD)");
      } catch (IllegalArgumentException e) {
        throw new OpsException("--rule " + override + ": " + e.getMessage());
      }
    }
    return synonymsChanged ? rules.withPropertyTypeSynonyms(synonyms) : rules;
  }

  private static double number(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new OpsException("'" + value + "' is not a number");
    }
  }

  private static Set<String> list(String value) {
    Set<String> items = new LinkedHashSet<>();
    Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(items::add);
    return items;
  }
}
