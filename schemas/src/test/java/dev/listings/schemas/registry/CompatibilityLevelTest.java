package dev.listings.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {
  @Test
  void findsLevelsByNameInAnyCase() {
    assertThat(CompatibilityLevel.find(" full_transitive ")).contains(CompatibilityLevel.FULL_TRANSITIVE);
    assertThat(CompatibilityLevel.find("Backward")).contains(CompatibilityLevel.BACKWARD);
    assertThat(CompatibilityLevel.find("SOMETIMES")).isEmpty();
    assertThat(CompatibilityLevel.find("")).isEmpty();
    assertThat(CompatibilityLevel.find(null)).isEmpty();
    assertThat(CompatibilityLevel.DEFAULT).isEqualTo(CompatibilityLevel.BACKWARD);
  }

  @Test
  void parseRefusesAnUnknownLevelWithTheRegistrysErrorCode() {
    assertThat(CompatibilityLevel.parse("none")).isEqualTo(CompatibilityLevel.NONE);
    assertThatThrownBy(() -> CompatibilityLevel.parse("SOMETIMES"))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(422);
          assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL);
        });
  }
}
