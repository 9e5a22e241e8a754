package dev.listings.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.schemas.registry.CompatibilityLevel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's guard on schema evolution: every schema in src/main/avro must be BACKWARD compatible with all of its
 * released versions in src/main/resources/released, so consumers upgraded to it still read everything already
 * written. The other tests prove the guard fails on incompatible edits.
 */
class ReleasedSchemasCompatibilityTest {
  private static final Path AVRO_SOURCES = Path.of("src/main/avro");
  private static final Path RELEASED = Path.of("src/main/resources/released");

  @TempDir Path work;

  @Test
  void currentSchemasAreBackwardCompatibleWithEveryReleasedVersion() {
    assertThat(Files.isDirectory(AVRO_SOURCES)).as("run from the schemas module folder").isTrue();

    assertThat(ReleasedSchemaCheck.violations(AVRO_SOURCES, RELEASED, CompatibilityLevel.BACKWARD)).isEmpty();
  }

  @Test
  void everyCurrentSchemaHasAtLeastOneRelease() {
    assertThat(ReleasedSchemaCheck.releasedVersions(RELEASED.resolve("CuratedListing"))).isNotEmpty();
    assertThat(ReleasedSchemaCheck.releasedVersions(RELEASED.resolve("PricePerSqmStats"))).isNotEmpty();
  }

  @Test
  void rejectsAFieldAddedWithoutDefault() throws IOException {
    List<String> problems = checkEdited(current -> current.replace(
        "{\"name\": \"price\", \"type\": \"double\"",
        "{\"name\": \"floor\", \"type\": \"int\"},\n    {\"name\": \"price\", \"type\": \"double\""));

    assertThat(problems).singleElement().asString()
        .contains("CuratedListing", "v1.avsc", "READER_FIELD_MISSING_DEFAULT_VALUE", "floor");
  }

  @Test
  void rejectsAChangedFieldType() throws IOException {
    List<String> problems = checkEdited(current -> current.replace(
        "{\"name\": \"living_area\", \"type\": \"double\"", "{\"name\": \"living_area\", \"type\": \"string\""));

    assertThat(problems).singleElement().asString().contains("TYPE_MISMATCH", "/fields/6/type", "STRING", "DOUBLE");
  }

  @Test
  void rejectsARenamedRecord() throws IOException {
    List<String> problems = checkEdited(current -> current.replace(
        "\"name\": \"CuratedListing\"", "\"name\": \"CuratedListingV2\""));

    assertThat(problems).isNotEmpty();
  }

  @Test
  void acceptsAFieldAddedWithDefaultAndARemovedField() throws IOException {
    List<String> problems = checkEdited(current -> current
        .replace("{\"name\": \"price\", \"type\": \"double\"",
            "{\"name\": \"floor\", \"type\": [\"null\", \"int\"], \"default\": null},\n"
                + "    {\"name\": \"price\", \"type\": \"double\"")
        .replace("{\"name\": \"municipality\", \"type\": [\"null\", \"string\"], \"default\": null, "
            + "\"doc\": \"Municipality as sent, trimmed.\"},", ""));

    assertThat(problems).isEmpty();
  }

  @Test
  void forwardCompatibilityRejectsARemovedFieldWithoutDefault() throws IOException {
    Path sources = editedSources(current -> current.replace(
        "{\"name\": \"price\", \"type\": \"double\", \"doc\": \"Asking price, in the stated currency.\"},", ""),
        true);

    assertThat(ReleasedSchemaCheck.violations(sources, RELEASED, CompatibilityLevel.BACKWARD)).isEmpty();
    assertThat(ReleasedSchemaCheck.violations(sources, RELEASED, CompatibilityLevel.FULL))
        .singleElement().asString().contains("READER_FIELD_MISSING_DEFAULT_VALUE", "price");
  }

  @Test
  void reportsASchemaWithoutRelease() throws IOException {
    Path sources = editedSources(current -> current, false);
    Files.writeString(sources.resolve("new.avsc"),
        "{\"type\":\"record\",\"name\":\"Brand\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}");

    assertThat(ReleasedSchemaCheck.violations(sources, RELEASED, CompatibilityLevel.BACKWARD))
        .singleElement().asString().contains("Brand", "no released version");
  }

  private List<String> checkEdited(java.util.function.UnaryOperator<String> edit) throws IOException {
    return ReleasedSchemaCheck.violations(editedSources(edit, true), RELEASED, CompatibilityLevel.BACKWARD);
  }

  /** A copy of the Avro sources with curated_listing.avsc edited. */
  private Path editedSources(java.util.function.UnaryOperator<String> edit, boolean mustChange) throws IOException {
    Path sources = Files.createDirectories(work.resolve("avro"));
    String current = Files.readString(AVRO_SOURCES.resolve("curated_listing.avsc"));
    String edited = edit.apply(current);
    if (mustChange) {
      assertThat(edited).as("the edit applies to the current schema").isNotEqualTo(current);
    }
    Files.writeString(sources.resolve("curated_listing.avsc"), edited);
    Files.copy(AVRO_SOURCES.resolve("price_per_sqm_stats.avsc"), sources.resolve("price_per_sqm_stats.avsc"));
    return sources;
  }
}
