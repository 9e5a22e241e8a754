package dev.listings.cleaner.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CleaningRulesTest {
  private final CleaningRules defaults = CleaningRules.defaults();

  @Test
  void defaultsAreTheBriefsRules() {
    assertThat(defaults.minLivingArea()).isEqualTo(10);
    assertThat(defaults.maxLivingArea()).isEqualTo(500);
    assertThat(defaults.minPricePerSqm()).isEqualTo(500);
    assertThat(defaults.maxPricePerSqm()).isEqualTo(15_000);
    assertThat(defaults.allowedPropertyTypes()).containsExactlyInAnyOrder("apartment", "house");
    assertThat(defaults.propertyTypeSynonyms()).isEmpty();
    assertThat(defaults.minScrapingDate()).isNull();
  }

  @Test
  void versionIsTheNameAndAShortHashOfTheEffectiveRules() {
    assertThat(defaults.version()).matches("default-[0-9a-f]{8}");
    assertThat(CleaningRules.defaults().version()).isEqualTo(defaults.version());
    assertThat(defaults.withName("swiss").version()).startsWith("swiss-");
  }

  @Test
  void anyChangedValueYieldsANewVersion() {
    assertThat(Set.of(
            defaults.version(),
            defaults.withLivingAreaRange(10, 600).version(),
            defaults.withPricePerSqmRange(400, 15_000).version(),
            defaults.withAllowedPropertyTypes(Set.of("apartment")).version(),
            defaults.withPropertyTypeSynonyms(CleaningRules.SUGGESTED_SYNONYMS).version(),
            defaults.withMinScrapingDate(LocalDate.of(2020, 1, 1)).version()))
        .hasSize(6);
  }

  @Test
  void equalRulesWrittenDifferentlyShareAVersion() {
    CleaningRules spelledOut = defaults.withAllowedPropertyTypes(Set.of(" House", "APARTMENT "))
        .withPropertyTypeSynonyms(Map.of());
    assertThat(spelledOut.version()).isEqualTo(defaults.version());
  }

  @Test
  void refusesRangesThatCannotBeMet() {
    assertThatThrownBy(() -> defaults.withLivingAreaRange(500, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withPricePerSqmRange(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withAllowedPropertyTypes(Set.of(" ")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
