package dev.listings.local.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.cleaner.rules.CleaningRules;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The small parsers and renderers behind the operations commands. */
class OpsParsingTest {
  @Test
  void parsesTimesAsInstantsOffsetsOrUtc() {
    assertThat(OffsetTarget.parseDatetime("2026-01-05T08:00:00Z").time()).isEqualTo(Instant.parse("2026-01-05T08:00:00Z"));
    assertThat(OffsetTarget.parseDatetime("2026-01-05T09:00:00+01:00").time())
        .isEqualTo(Instant.parse("2026-01-05T08:00:00Z"));
    assertThat(OffsetTarget.parseDatetime("2026-01-05T08:00").time()).isEqualTo(Instant.parse("2026-01-05T08:00:00Z"));
    assertThat(OffsetTarget.parseDatetime("2026-01-05").time()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
    assertThatThrownBy(() -> OffsetTarget.parseDatetime("yesterday"))
        .isInstanceOf(OpsException.class).hasMessageContaining("'yesterday' is not a date-time");
  }

  @Test
  void parsesOffsetsWithOrWithoutTopics() {
    assertThat(OffsetTarget.parseOffsets("0=120, 1=98", "raw").offsets())
        .containsExactlyInAnyOrderEntriesOf(Map.of(new TopicPartition("raw", 0), 120L, new TopicPartition("raw", 1), 98L));
    assertThat(OffsetTarget.parseOffsets("other.v1:3=7", "raw").offsets())
        .containsExactlyEntriesOf(Map.of(new TopicPartition("other.v1", 3), 7L));
    assertThatThrownBy(() -> OffsetTarget.parseOffsets("0:12", "raw")).hasMessageContaining("PARTITION=OFFSET");
    assertThatThrownBy(() -> OffsetTarget.parseOffsets("0=-1", "raw")).hasMessageContaining("whole numbers");
  }

  @Test
  void exactlyOneStartMustBeGiven() {
    assertThat(OffsetTarget.choose(null, null, true, List.of("raw"))).isInstanceOf(OffsetTarget.ToEarliest.class);
    assertThatThrownBy(() -> OffsetTarget.choose(null, null, false, List.of("raw")))
        .hasMessageContaining("exactly one of --to-datetime, --to-offsets or --to-earliest");
    assertThatThrownBy(() -> OffsetTarget.choose("2026-01-05", "0=1", false, List.of("raw")))
        .hasMessageContaining("exactly one");
  }

  @Test
  void rendersAProgressBarWithRateAndEta() {
    assertThat(ProgressBar.render(50, 200, 10, "records", 10))
        .isEqualTo("[##--------]  25%  50/200 records  10/s  ETA 0:15");
    assertThat(ProgressBar.render(200, 200, 10, "records", 10)).isEqualTo("[##########] 100%  200/200 records  10/s");
    assertThat(ProgressBar.render(0, 0, 0, "records", 4)).isEqualTo("[####] 100%  0/0 records");
    assertThat(ProgressBar.duration(3725)).isEqualTo("1:02:05");
    ProgressBar.Rate rate = new ProgressBar.Rate();
    assertThat(rate.update(0, 1000)).isZero();
    assertThat(rate.update(100, 2000)).isEqualTo(100.0);
  }

  @Test
  void appliesRuleChangesByTheirSettingNames() {
    CleaningRules rules = RulesOverrides.apply(CleaningRules.defaults(), List.of("max-living-area=800",
        "cleaner.rules.allowed-property-types=apartment, house,studio", "property-type-synonyms.wohnung=apartment",
        "min-scraping-date=2020-01-01"));
    assertThat(rules.maxLivingArea()).isEqualTo(800);
    assertThat(rules.minLivingArea()).isEqualTo(10);
    assertThat(rules.allowedPropertyTypes()).containsExactlyInAnyOrder("apartment", "house", "studio");
    assertThat(rules.propertyTypeSynonyms()).containsEntry("wohnung", "apartment");
    assertThat(rules.version()).isNotEqualTo(CleaningRules.defaults().version());
    assertThatThrownBy(() -> RulesOverrides.apply(CleaningRules.defaults(), List.of("max-area=800")))
        .hasMessageContaining("unknown key 'max-area'").hasMessageContaining("max-living-area");
    assertThatThrownBy(() -> RulesOverrides.apply(CleaningRules.defaults(), List.of("max-living-area=5")))
        .isInstanceOf(OpsException.class);
    assertThatThrownBy(() -> RulesOverrides.apply(CleaningRules.defaults(), List.of("max-living-area")))
        .hasMessageContaining("is not KEY=VALUE");
  }

  @Test
  void aResetPlanPrintsTheBeforeAndAfterOfEveryPartition() {
    ResetPlan plan = new ResetPlan("listings-cleaner", "the earliest offsets", List.of(),
        List.of(new ResetPlan.Row(new TopicPartition("listings.raw.v1", 0), 120L, 0, 0, 130, null),
            new ResetPlan.Row(new TopicPartition("listings.raw.v1", 1), null, 60, 50, 98, "s3://landing/a.jsonl@e")),
        List.of("listings-cleaner-dedupe-store-changelog"));
    assertThat(plan.toProcess()).isEqualTo(130 + 48);
    assertThat(plan.rows().get(0).rewind()).isEqualTo(120);
    String text = plan.describe();
    assertThat(text).contains("no active members")
        .containsPattern("listings.raw.v1 +0 +120 +0 +120 +130 +130")
        .containsPattern("listings.raw.v1 +1 +- +50 +0 +48 +98 +moved back from 60 to the first line of "
            + "s3://landing/a.jsonl@e")
        .contains("listings-cleaner-dedupe-store-changelog");
    assertThat(new ResetPlan("x", "t", List.of("c1@/10.0.0.1"), List.of(), List.of()).describe())
        .contains("1 ACTIVE member(s): c1@/10.0.0.1");
  }
}
