package dev.listings.infra.registry;

import static dev.listings.infra.registry.TestSchemas.V1;
import static dev.listings.infra.registry.TestSchemas.V1_OTHER_WHITESPACE;
import static dev.listings.infra.registry.TestSchemas.V2_PRICE_AS_STRING;
import static dev.listings.infra.registry.TestSchemas.V2_REQUIRED_FIELD;
import static dev.listings.infra.registry.TestSchemas.V2_WITHOUT_PRICE;
import static dev.listings.infra.registry.TestSchemas.V2_WITH_DEFAULT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.schemas.registry.CompatibilityLevel;
import org.junit.jupiter.api.Test;

class RegistryServiceTest {
  private final InMemorySchemaLog log = new InMemorySchemaLog();
  private final RegistryService service = new RegistryService(log);

  @Test
  void givesTheSameSchemaOneGlobalIdAcrossSubjects() {
    int first = service.register("a-value", V1);
    int second = service.register("b-value", V1_OTHER_WHITESPACE);
    int other = service.register("c-value", V2_WITH_DEFAULT);

    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
    assertThat(service.version("b-value", "latest", false).version()).isEqualTo(1);
  }

  @Test
  void reRegisteringAKnownSchemaReturnsItsIdWithoutANewVersion() {
    int id = service.register("a-value", V1);
    service.register("a-value", V2_WITH_DEFAULT);

    assertThat(service.register("a-value", V1_OTHER_WHITESPACE)).isEqualTo(id);
    assertThat(service.versions("a-value", false)).containsExactly(1, 2);
  }

  @Test
  void rejectsABackwardIncompatibleSchemaByDefault() {
    service.register("a-value", V1);

    assertThatThrownBy(() -> service.register("a-value", V2_REQUIRED_FIELD))
        .isInstanceOfSatisfying(RegistryError.class, e -> {
          assertThat(e.status).isEqualTo(409);
          assertThat(e.errorCode).isEqualTo(409);
          assertThat(e.getMessage()).contains("READER_FIELD_MISSING_DEFAULT_VALUE", "area", "BACKWARD");
        });
    assertThat(service.versions("a-value", false)).containsExactly(1);
  }

  @Test
  void honoursForwardAndFullLevels() {
    service.register("fwd-value", V1);
    service.setLevel("fwd-value", CompatibilityLevel.FORWARD);
    assertThat(service.compatibility("fwd-value", null, V2_WITHOUT_PRICE)).isNotEmpty();
    assertThat(service.compatibility("fwd-value", null, V2_REQUIRED_FIELD)).isEmpty();

    service.setLevel("fwd-value", CompatibilityLevel.FULL);
    assertThat(service.compatibility("fwd-value", null, V2_REQUIRED_FIELD)).isNotEmpty();
    assertThat(service.compatibility("fwd-value", null, V2_WITH_DEFAULT)).isEmpty();

    service.setLevel("fwd-value", CompatibilityLevel.NONE);
    assertThat(service.compatibility("fwd-value", null, V2_PRICE_AS_STRING)).isEmpty();
  }

  @Test
  void transitiveLevelsCheckEveryEarlierVersion() {
    service.setLevel(null, CompatibilityLevel.NONE);
    service.register("t-value", V1);
    service.register("t-value", V2_PRICE_AS_STRING);
    String priceAsStringWithCurrency = V2_PRICE_AS_STRING.replace("]}",
        ",{\"name\":\"currency\",\"type\":[\"null\",\"string\"],\"default\":null}]}");

    service.setLevel("t-value", CompatibilityLevel.BACKWARD);
    assertThat(service.compatibility("t-value", "latest", priceAsStringWithCurrency)).isEmpty();
    service.setLevel("t-value", CompatibilityLevel.BACKWARD_TRANSITIVE);
    assertThat(service.compatibility("t-value", "latest", priceAsStringWithCurrency)).isNotEmpty();
    assertThat(service.compatibility("t-value", "2", priceAsStringWithCurrency)).isEmpty();
  }

  @Test
  void acceptsAnySchemaForASubjectWithoutVersions() {
    assertThat(service.compatibility("new-value", "latest", V1)).isEmpty();
  }

  @Test
  void softDeleteHidesVersionsAndPermanentDeleteNeedsItFirst() {
    int id = service.register("d-value", V1);
    service.register("d-value", V2_WITH_DEFAULT);

    assertThatThrownBy(() -> service.deleteSubject("d-value", true))
        .isInstanceOfSatisfying(RegistryError.class, e -> assertThat(e.errorCode).isEqualTo(40405));
    assertThat(service.deleteSubject("d-value", false)).containsExactly(1, 2);
    assertThat(service.subjects(false)).doesNotContain("d-value");
    assertThat(service.subjects(true)).contains("d-value");
    assertThat(service.schemaById(id)).contains("Listing");
    assertThatThrownBy(() -> service.versions("d-value", false))
        .isInstanceOfSatisfying(RegistryError.class, e -> assertThat(e.errorCode).isEqualTo(40401));

    assertThat(service.register("d-value", V1)).isEqualTo(id);
    assertThat(service.versions("d-value", false)).containsExactly(3);
  }

  @Test
  void permanentDeleteRemovesVersionsForGood() {
    int id = service.register("p-value", V1);
    service.deleteSubject("p-value", false);
    assertThat(service.deleteSubject("p-value", true)).containsExactly(1);

    assertThat(service.subjects(true)).doesNotContain("p-value");
    assertThatThrownBy(() -> service.schemaById(id))
        .isInstanceOfSatisfying(RegistryError.class, e -> assertThat(e.errorCode).isEqualTo(40403));
  }

  @Test
  void deletesSingleVersionsSoftThenPermanently() {
    service.register("v-value", V1);
    service.register("v-value", V2_WITH_DEFAULT);

    assertThat(service.deleteVersion("v-value", "1", false)).isEqualTo(1);
    assertThatThrownBy(() -> service.deleteVersion("v-value", "1", false))
        .isInstanceOfSatisfying(RegistryError.class, e -> assertThat(e.errorCode).isEqualTo(40406));
    assertThatThrownBy(() -> service.deleteVersion("v-value", "2", true))
        .isInstanceOfSatisfying(RegistryError.class, e -> assertThat(e.errorCode).isEqualTo(40407));
    assertThat(service.deleteVersion("v-value", "1", true)).isEqualTo(1);
    assertThat(service.versions("v-value", true)).containsExactly(2);
  }

  @Test
  void replayingTheLogRestoresIdsVersionsAndLevels() {
    int first = service.register("r-value", V1);
    int second = service.register("r-value", V2_WITH_DEFAULT);
    service.setLevel("r-value", CompatibilityLevel.FULL);
    service.setLevel(null, CompatibilityLevel.FORWARD);

    RegistryService restarted = new RegistryService(log);

    assertThat(restarted.lookup("r-value", V1, false).id()).isEqualTo(first);
    assertThat(restarted.version("r-value", "2", false).id()).isEqualTo(second);
    assertThat(restarted.subjectLevel("r-value")).contains(CompatibilityLevel.FULL);
    assertThat(restarted.globalLevel()).isEqualTo(CompatibilityLevel.FORWARD);
    assertThat(restarted.register("other-value", V2_PRICE_AS_STRING)).isEqualTo(second + 1);
  }

  @Test
  void refusesInvalidSchemasAndVersions() {
    assertThatThrownBy(() -> service.register("x-value", "{\"type\":\"record\",\"name\":\"X\"}"))
        .isInstanceOfSatisfying(RegistryError.class, e -> {
          assertThat(e.status).isEqualTo(422);
          assertThat(e.errorCode).isEqualTo(42201);
        });
    assertThatThrownBy(() -> service.register("x-value",
        "{\"type\":\"record\",\"name\":\"X\",\"fields\":[{\"name\":\"a\",\"type\":\"int\",\"default\":\"no\"}]}"))
        .isInstanceOfSatisfying(RegistryError.class, e -> assertThat(e.errorCode).isEqualTo(42201));
    service.register("x-value", V1);
    assertThatThrownBy(() -> service.version("x-value", "0", false))
        .isInstanceOfSatisfying(RegistryError.class, e -> assertThat(e.errorCode).isEqualTo(42202));
    assertThatThrownBy(() -> service.version("x-value", "9", false))
        .isInstanceOfSatisfying(RegistryError.class, e -> assertThat(e.errorCode).isEqualTo(40402));
    assertThat(log.size()).isEqualTo(1);
  }
}
