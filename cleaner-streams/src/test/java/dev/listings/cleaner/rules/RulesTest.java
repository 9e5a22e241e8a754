package dev.listings.cleaner.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CleaningRules DEFAULTS = CleaningRules.defaults();

  private static final String X = "\"raw_price\":\"1\",\"living_area\":1,\"property_type\":\"x\"";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
    "{\"id\":\"a\",\"raw_price\":\"1\",\"living_area\":1,\"property_type\":\"x\",\"scraping_date\":\"d\"}|",
    "{\"raw_price\":\"1\",\"living_area\":1,\"property_type\":\"x\",\"scraping_date\":\"d\"}|missing or blank: id",
    "{\"id\":\" \",\"raw_price\":null,\"living_area\":1,\"property_type\":\"x\"}|missing or blank: id, raw_price, scraping_date",
    "{\"id\":{},\"raw_price\":\"1\",\"living_area\":1,\"property_type\":\"x\",\"scraping_date\":\"d\"}|missing or blank: id",
    "{\"id\":42,\"raw_price\":\"1\",\"living_area\":\"\",\"property_type\":\"\",\"scraping_date\":\"d\"}|missing or blank: living_area, property_type"
  })
  void requiresEveryRequiredFieldPresentAndNonBlank(String listing, String message) throws Exception {
    Failure failure = Rules.requiredFields(JSON.readTree(listing));
    if (message == null) {
      assertThat(failure).isNull();
    } else {
      assertThat(failure).isEqualTo(new Failure(RejectReason.MISSING_FIELD, message));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"[1,2]|array", "\"text\"|string", "42|number", "null|null"})
  void acceptsOnlyJsonObjects(String line, String kind) throws Exception {
    assertThat(Rules.jsonObject(JSON.readTree(line)))
        .isEqualTo(new Failure(RejectReason.MALFORMED_RECORD, "the line is not a JSON object (" + kind + ")"));
    assertThat(Rules.jsonObject(JSON.readTree("{}"))).isNull();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "apartment,apartment", "' House ',house", "APARTMENT,apartment", "studio,", "Wohnung,"
  })
  void normalisesPropertyTypesAndAllowsOnlyTheConfiguredOnes(String type, String allowed) {
    JsonNode node = JSON.getNodeFactory().textNode(type);
    String normalised = Rules.propertyType(node, DEFAULTS);
    Failure failure = Rules.propertyTypeAllowed(node, normalised, DEFAULTS);
    if (allowed == null) {
      assertThat(failure.reason()).isEqualTo(RejectReason.PROPERTY_TYPE_EXCLUDED);
    } else {
      assertThat(failure).isNull();
      assertThat(normalised).isEqualTo(allowed);
    }
  }

  @Test
  void mapsSynonymsOnlyWhenConfigured() {
    CleaningRules withSynonyms = DEFAULTS.withPropertyTypeSynonyms(CleaningRules.SUGGESTED_SYNONYMS);
    JsonNode wohnung = JSON.getNodeFactory().textNode(" Wohnung ");
    assertThat(Rules.propertyType(wohnung, withSynonyms)).isEqualTo("apartment");
    assertThat(Rules.propertyType(JSON.getNodeFactory().textNode("Villa"), withSynonyms)).isEqualTo("house");
    assertThat(Rules.propertyType(wohnung, DEFAULTS)).isEqualTo("wohnung");
  }

  @Test
  void refusesPropertyTypesThatAreNotText() {
    JsonNode number = JSON.getNodeFactory().numberNode(3);
    assertThat(Rules.propertyTypeAllowed(number, Rules.propertyType(number, DEFAULTS), DEFAULTS).reason())
        .isEqualTo(RejectReason.PROPERTY_TYPE_EXCLUDED);
  }

  @ParameterizedTest(name = "{0} m² -> {1}")
  @CsvSource({"9.99,false", "10,true", "84,true", "500,true", "500.01,false"})
  void keepsLivingAreaWithinTheRangeBoundsIncluded(double area, boolean inRange) {
    Failure failure = Rules.areaInRange(area, DEFAULTS);
    assertThat(failure == null).isEqualTo(inRange);
    if (!inRange) {
      assertThat(failure.reason()).isEqualTo(RejectReason.AREA_OUT_OF_RANGE);
    }
  }

  @ParameterizedTest(name = "{0} / {1} = {2}")
  @CsvSource({
    "530000,84,6309.52", "100,3,33.33", "200,3,66.67", "1,8,0.13", "1.005,1,1.01", "999,1000,1.00"
  })
  void roundsPricePerSquareMeterHalfUpToTwoDecimals(double price, double area, double expected) {
    assertThat(Rules.pricePerSquareMeter(price, area)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"499.99,false", "500,true", "6309.52,true", "15000,true", "15000.01,false"})
  void keepsPricePerSquareMeterWithinTheRangeBoundsIncluded(double pricePerSqm, boolean inRange) {
    Failure failure = Rules.pricePerSqmInRange(pricePerSqm, DEFAULTS);
    assertThat(failure == null).isEqualTo(inRange);
    if (!inRange) {
      assertThat(failure.reason()).isEqualTo(RejectReason.PRICE_PER_SQM_OUT_OF_RANGE);
    }
  }

  @Test
  void checksTheMinimumScrapingDateOnlyWhenConfigured() {
    LocalDate old = LocalDate.of(2019, 12, 31);
    assertThat(Rules.scrapingDateInRange(old, DEFAULTS)).isNull();
    CleaningRules from2020 = DEFAULTS.withMinScrapingDate(LocalDate.of(2020, 1, 1));
    assertThat(Rules.scrapingDateInRange(old, from2020).reason()).isEqualTo(RejectReason.DATE_OUT_OF_RANGE);
    assertThat(Rules.scrapingDateInRange(LocalDate.of(2020, 1, 1), from2020)).isNull();
  }

  @Test
  void readsPriceAndAreaFromTextOrNumbersOnly() {
    assertThat(Rules.price(JSON.getNodeFactory().booleanNode(true)))
        .isEqualTo(new PriceResult.Unparseable("is neither text nor a number"));
    assertThat(Rules.livingArea(JSON.getNodeFactory().arrayNode()).why()).isEqualTo("is neither text nor a number");
    assertThat(Rules.scrapingDate(JSON.getNodeFactory().numberNode(20210217))).isNull();
  }

  @Test
  void allowsConfiguredTypesOnly() {
    CleaningRules housesOnly = DEFAULTS.withAllowedPropertyTypes(Set.of("House"));
    JsonNode apartment = JSON.getNodeFactory().textNode("apartment");
    assertThat(Rules.propertyTypeAllowed(apartment, "apartment", housesOnly).reason())
        .isEqualTo(RejectReason.PROPERTY_TYPE_EXCLUDED);
  }
}
