package dev.listings.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pipeline run} through the real path (S3, Connect, Kafka, Streams, tables) on three inputs at once: the
 * bundled sample; {@code rescrapes.jsonl} (test resources), hand-written re-scrapes of a few listings at later dates
 * with changed prices, unchanged prices, currencies that change, go unstated or conflict, an out-of-order version and
 * rejected re-scrapes; and a file from {@code ./pipeline generate} with a fixed seed, whose re-scrapes with new prices
 * give price changes across every partition. The inputs share no listing id. Each use case's CSV is checked against a
 * computation of its own from curated.jsonl.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineRunIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SAMPLE = Path.of("..", "data", "sample", "scraping_data.jsonl");
  private static final String SAMPLE_KEY = "incoming/scraping_data.jsonl";
  private static final String RESCRAPES_KEY = "incoming/rescrapes.jsonl";
  private static final String GENERATED_KEY = "incoming/generated.jsonl";
  private static final long GENERATED_LINES = 3_000;
  private static final long GENERATED_SEED = 7;

  @TempDir static Path work;
  private Path out;
  private int exitCode;

  @BeforeAll
  void runTheInputs() throws Exception {
    Path generated = work.resolve("generated.jsonl");
    assertThat(PipelineCli.execute(
            "generate", "--lines", Long.toString(GENERATED_LINES), "--seed", Long.toString(GENERATED_SEED),
            "--out", generated.toString()))
        .isZero();
    Path rescrapes = Path.of(PipelineRunIT.class.getResource("/rescrapes.jsonl").toURI());
    out = work.resolve("out");
    exitCode =
        PipelineCli.execute(
            "run", "--input", SAMPLE.toString(), rescrapes.toString(), generated.toString(), "--out", out.toString(),
            "--state-dir", work.resolve("state").toString(),
            "--kafka-port", "0", "--registry-port", "0", "--connect-port", "0", "--s3-port", "0");
  }

  /**
   * The sample: 207 lines, 90 curated, 22 rejected, 95 duplicates. rescrapes.jsonl: 44 lines, 40 curated, 2 rejected
   * (a price on request, a price per m² far too low), 2 duplicates (the same listing written differently, the same
   * line again). The generated file: whatever its seed gives, balanced.
   */
  @Test
  void accountsForEveryLine() throws IOException {
    assertThat(exitCode).isZero();
    List<JsonNode> curated = readJsonLines(out.resolve("curated.jsonl"));
    List<JsonNode> rejects = readJsonLines(out.resolve("rejects.jsonl"));
    assertThat(from(curated, SAMPLE_KEY, "source")).hasSize(90);
    assertThat(from(rejects, SAMPLE_KEY, "provenance")).hasSize(22);
    assertThat(from(curated, RESCRAPES_KEY, "source")).hasSize(40);
    assertThat(from(rejects, RESCRAPES_KEY, "provenance")).hasSize(2);
    long generatedCurated = from(curated, GENERATED_KEY, "source").size();
    long generatedRejected = from(rejects, GENERATED_KEY, "provenance").size();
    assertThat(generatedCurated).isPositive();
    assertThat(generatedRejected).isPositive();
    assertThat(generatedCurated + generatedRejected).isLessThan(GENERATED_LINES); // exact re-scrapes are duplicates

    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.path("lines").asLong()).isEqualTo(207 + 44 + GENERATED_LINES);
    assertThat(summary.path("curated").asLong()).isEqualTo(curated.size()).isEqualTo(90 + 40 + generatedCurated);
    assertThat(summary.path("rejected").asLong()).isEqualTo(rejects.size()).isEqualTo(22 + 2 + generatedRejected);
    assertThat(summary.path("duplicates").asLong())
        .isEqualTo(95 + 2 + (GENERATED_LINES - generatedCurated - generatedRejected));
    Map<String, Long> reasons = new HashMap<>();
    summary.path("rejected_by_reason").fields().forEachRemaining(e -> reasons.put(e.getKey(), e.getValue().asLong()));
    assertThat(reasons).isEqualTo(countByReason(rejects));
    assertThat(countByReason(from(rejects, SAMPLE_KEY, "provenance")))
        .isEqualTo(Map.of("PROPERTY_TYPE_EXCLUDED", 7L, "AREA_OUT_OF_RANGE", 5L, "PRICE_PER_SQM_OUT_OF_RANGE", 10L));
    assertThat(countByReason(from(rejects, RESCRAPES_KEY, "provenance")))
        .isEqualTo(Map.of("PRICE_UNPARSEABLE", 1L, "PRICE_PER_SQM_OUT_OF_RANGE", 1L));
    assertThat(summary.path("elapsed_ms").asLong()).isPositive();
    assertThat(summary.path("records_per_second").asDouble()).isPositive();
  }

  @Test
  void writesTheCuratedListingsAndTheRejectsWithProvenance() throws IOException {
    List<JsonNode> curated = readJsonLines(out.resolve("curated.jsonl"));
    List<JsonNode> sample = from(curated, SAMPLE_KEY, "source");
    assertThat(sample).hasSize(90);
    JsonNode first = sample.get(0);
    assertThat(first.path("scraping_date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(first.path("currency").asText()).isEqualTo("EUR");
    assertThat(first.path("source").path("line").asLong()).isBetween(1L, 207L);
    for (JsonNode listing : curated) {
      assertThat(listing.path("scraping_date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
      double expected = Math.round(listing.path("price").asDouble() / listing.path("living_area").asDouble() * 100)
          / 100.0;
      assertThat(listing.path("price_per_square_meter").asDouble()).isCloseTo(expected, within(0.005));
    }

    List<JsonNode> rejects = readJsonLines(out.resolve("rejects.jsonl"));
    assertThat(from(rejects, SAMPLE_KEY, "provenance")).hasSize(22).allSatisfy(r ->
        assertThat(r.path("raw").asText()).startsWith("{"));
    assertThat(rejects).allSatisfy(r -> {
      assertThat(r.path("reason").asText()).isNotBlank();
      assertThat(r.path("provenance").path("line").asLong()).isPositive();
    });
  }

  /**
   * Statistics per municipality ("(unknown)" when blank) × property type × month recomputed from curated.jsonl: every
   * curated record counts once, each re-scrape at a new date or price included. Every group here is small enough
   * (at most 50 values) for the t-digest's quantiles to be exact order statistics.
   */
  @Test
  void priceStatisticsMatchAnIndependentComputationFromCurated() throws IOException {
    Map<String, List<Double>> groups = new HashMap<>();
    for (JsonNode listing : readJsonLines(out.resolve("curated.jsonl"))) {
      String key = groupOf(listing) + "|" + listing.path("property_type").asText() + "|"
          + listing.path("scraping_date").asText().substring(0, 7);
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(listing.path("price_per_square_meter").asDouble());
    }
    List<String> csv = Files.readAllLines(out.resolve("usecases").resolve("price_per_sqm.csv"), StandardCharsets.UTF_8);
    List<String> header = List.of(csv.get(0).split(","));
    assertThat(csv).hasSize(groups.size() + 1);
    for (String line : csv.subList(1, csv.size())) {
      Map<String, String> row = new HashMap<>();
      List<String> cells = CsvLine.split(line);
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), cells.get(i));
      }
      String key = row.get("municipality") + "|" + row.get("property_type") + "|" + row.get("month");
      List<Double> values = groups.get(key);
      assertThat(values).as("group %s", key).isNotNull().hasSizeLessThanOrEqualTo(50);
      assertThat(Long.parseLong(row.get("count"))).isEqualTo(values.size());
      double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
      assertThat(Double.parseDouble(row.get("mean"))).isCloseTo(mean, within(0.01));
      assertThat(Double.parseDouble(row.get("median"))).isCloseTo(orderStatistic(values, 0.5), within(0.01));
      assertThat(Double.parseDouble(row.get("p10"))).as("p10 of %s", key)
          .isCloseTo(orderStatistic(values, 0.1), within(0.01));
      assertThat(Double.parseDouble(row.get("p90"))).as("p90 of %s", key)
          .isCloseTo(orderStatistic(values, 0.9), within(0.01));
      assertThat(Double.parseDouble(row.get("min"))).isEqualTo(values.stream().mapToDouble(d -> d).min().orElseThrow());
      assertThat(Double.parseDouble(row.get("max"))).isEqualTo(values.stream().mapToDouble(d -> d).max().orElseThrow());
    }
  }

  /**
   * What the t-digest answers for a group small enough to keep every value: the observation of rank floor(p n) + 1
   * (1-based, at most n) in ascending order; for the median, the upper middle of an even n.
   */
  private static double orderStatistic(List<Double> values, double p) {
    List<Double> sorted = values.stream().sorted().toList();
    int rank = Math.min(sorted.size(), (int) Math.floor(p * sorted.size()) + 1);
    return sorted.get(rank - 1);
  }

  /**
   * Price changes recomputed from curated.jsonl, whose per-listing order is the curated topic's. Per id the previous
   * version is the latest one by scraping date; a version older than it is out of order and ignored (a version of the
   * same date counts). A new version is a change when both it and the previous one state a currency and the two
   * differ (a conflict: absolute and relative change left empty), or else when its price differs; a version at the
   * same price emits nothing. A version without a currency keeps the one last stated.
   */
  @Test
  void priceChangesMatchAnIndependentComputationFromCurated() throws IOException {
    List<JsonNode> curated = readJsonLines(out.resolve("curated.jsonl"));
    PriceChanges all = priceChanges(curated);
    assertThat(all.changes()).as("price changes in the input").isNotEmpty();
    assertThat(all.unchanged()).as("re-scrapes at the same price").isPositive();

    // the hand-written re-scrapes cover every case; their ids are theirs alone
    PriceChanges rescrapes = priceChanges(from(curated, RESCRAPES_KEY, "source"));
    assertThat(rescrapes.changes()).hasSize(19);
    assertThat(rescrapes.changes()).filteredOn(c -> c.get("absolute_change").isEmpty()).hasSize(3)
        .allSatisfy(c -> assertThat(c.get("old_currency")).isNotEqualTo(c.get("new_currency")));
    assertThat(rescrapes.changes()).filteredOn(c -> c.get("old_currency").isEmpty()).hasSize(1);
    assertThat(rescrapes.changes()).filteredOn(c -> c.get("old_scraping_date").equals(c.get("new_scraping_date")))
        .hasSize(1);
    assertThat(rescrapes.unchanged()).isEqualTo(6);
    assertThat(rescrapes.outOfOrder()).isEqualTo(1);
    // and the generated file's re-scrapes with new prices give many more
    assertThat(priceChanges(from(curated, GENERATED_KEY, "source")).changes()).hasSizeGreaterThan(50);

    Map<String, List<Map<String, String>>> expected = byId(all.changes());
    Map<String, List<Map<String, String>>> actual =
        byId(readCsv(out.resolve("usecases").resolve("price_changes.csv")));
    assertThat(actual.keySet()).as("listings with price changes").isEqualTo(expected.keySet());
    for (Map.Entry<String, List<Map<String, String>>> listing : expected.entrySet()) {
      String id = listing.getKey();
      List<Map<String, String>> rows = actual.get(id);
      assertThat(rows).as("changes of %s", id).hasSameSizeAs(listing.getValue());
      for (int n = 0; n < rows.size(); n++) {
        Map<String, String> change = listing.getValue().get(n);
        Map<String, String> row = rows.get(n);
        for (String column : List.of("id", "municipality", "property_type", "old_currency", "new_currency",
            "old_scraping_date", "new_scraping_date", "source")) {
          assertThat(row.get(column)).as("%s of change %d of %s", column, n + 1, id).isEqualTo(change.get(column));
        }
        for (String column : List.of("old_price", "new_price", "absolute_change", "relative_change")) {
          if (change.get(column).isEmpty()) {
            assertThat(row.get(column)).as("%s of change %d of %s", column, n + 1, id).isEmpty();
          } else {
            assertThat(Double.parseDouble(row.get(column))).as("%s of change %d of %s", column, n + 1, id)
                .isCloseTo(Double.parseDouble(change.get(column)), within(1e-9));
          }
        }
      }
    }
  }

  /** The expected price changes (as CSV cells), and how many versions were unchanged or out of order. */
  private record PriceChanges(List<Map<String, String>> changes, int unchanged, int outOfOrder) {}

  private static PriceChanges priceChanges(List<JsonNode> curated) {
    record Latest(double price, String currency, String date) {}
    Map<String, Latest> latest = new HashMap<>();
    List<Map<String, String>> changes = new ArrayList<>();
    int unchanged = 0;
    int outOfOrder = 0;
    for (JsonNode listing : curated) {
      String id = listing.path("id").asText();
      double price = listing.path("price").asDouble();
      String currency = textOrNull(listing.path("currency"));
      String date = listing.path("scraping_date").asText();
      Latest before = latest.get(id);
      if (before == null) {
        latest.put(id, new Latest(price, currency, date));
        continue;
      }
      if (date.compareTo(before.date()) < 0) {
        outOfOrder++;
        continue;
      }
      boolean conflict = before.currency() != null && currency != null && !before.currency().equals(currency);
      if (conflict || price != before.price()) {
        Map<String, String> change = new HashMap<>();
        change.put("id", id);
        change.put("municipality", listing.path("municipality").asText(""));
        change.put("property_type", listing.path("property_type").asText());
        change.put("old_price", Double.toString(before.price()));
        change.put("new_price", Double.toString(price));
        change.put("old_currency", before.currency() == null ? "" : before.currency());
        change.put("new_currency", currency == null ? "" : currency);
        change.put("absolute_change", conflict ? "" : Double.toString(price - before.price()));
        change.put("relative_change", conflict ? "" : Double.toString((price - before.price()) / before.price()));
        change.put("old_scraping_date", before.date());
        change.put("new_scraping_date", date);
        JsonNode source = listing.path("source");
        change.put("source", "s3://" + source.path("bucket").asText() + "/" + source.path("key").asText() + "#"
            + source.path("line").asLong());
        changes.add(change);
      } else {
        unchanged++;
      }
      latest.put(id, new Latest(price, currency != null ? currency : before.currency(), date));
    }
    return new PriceChanges(changes, unchanged, outOfOrder);
  }

  private static Map<String, List<Map<String, String>>> byId(List<Map<String, String>> rows) {
    Map<String, List<Map<String, String>>> byId = new HashMap<>();
    rows.forEach(row -> byId.computeIfAbsent(row.get("id"), k -> new ArrayList<>()).add(row));
    return byId;
  }

  /**
   * New listings per municipality and day recomputed from curated.jsonl: each id counts once, on its earliest scraping
   * date (the first version seen wins a tie), in the municipality of that version (blank: "(unknown)"). A day that
   * lost every listing to an earlier version of it stays in the table with 0.
   */
  @Test
  void marketActivityMatchesAnIndependentComputationFromCurated() throws IOException {
    record FirstSeen(String date, String municipality) {}
    Map<String, FirstSeen> firstSeen = new HashMap<>();
    Set<String> movedAway = new HashSet<>(); // days a listing counted on until an earlier version of it arrived
    for (JsonNode listing : readJsonLines(out.resolve("curated.jsonl"))) {
      String id = listing.path("id").asText();
      String date = listing.path("scraping_date").asText();
      FirstSeen seen = firstSeen.get(id);
      if (seen == null || date.compareTo(seen.date()) < 0) {
        if (seen != null) {
          movedAway.add(seen.municipality() + "|" + seen.date());
        }
        firstSeen.put(id, new FirstSeen(date, groupOf(listing)));
      }
    }
    Map<String, Long> expected = new HashMap<>();
    firstSeen.values().forEach(seen -> expected.merge(seen.municipality() + "|" + seen.date(), 1L, Long::sum));
    Set<String> emptied = new HashSet<>(movedAway);
    emptied.removeAll(expected.keySet());
    assertThat(emptied).as("days left with no new listing (the out-of-order re-scrape)").isNotEmpty();

    Map<String, Long> actual = new HashMap<>();
    Set<String> zeros = new HashSet<>();
    for (Map<String, String> row : readCsv(out.resolve("usecases").resolve("market_activity.csv"))) {
      long count = Long.parseLong(row.get("new_listings"));
      String key = row.get("municipality") + "|" + row.get("date");
      if (count != 0) {
        assertThat(actual.put(key, count)).isNull();
      } else {
        assertThat(zeros.add(key)).isTrue();
      }
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(firstSeen.size());
    assertThat(zeros).isEqualTo(emptied);
  }

  /** The records whose provenance ({@code field}: source or provenance) names the object {@code key}. */
  private static List<JsonNode> from(List<JsonNode> records, String key, String field) {
    return records.stream().filter(r -> r.path(field).path("key").asText().equals(key)).toList();
  }

  private static Map<String, Long> countByReason(List<JsonNode> rejects) {
    Map<String, Long> counts = new HashMap<>();
    rejects.forEach(r -> counts.merge(r.path("reason").asText(), 1L, Long::sum));
    return counts;
  }

  /** The municipality a listing is grouped under in the use cases: stripped, "(unknown)" when null or blank. */
  private static String groupOf(JsonNode listing) {
    String municipality = listing.path("municipality").asText("").strip();
    return municipality.isEmpty() ? "(unknown)" : municipality;
  }

  private static String textOrNull(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  /** A CSV file with a header row, as one map per row. */
  private static List<Map<String, String>> readCsv(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> header = CsvLine.split(lines.get(0));
    List<Map<String, String>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isEmpty()) {
        continue;
      }
      List<String> cells = CsvLine.split(line);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), cells.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<JsonNode> readJsonLines(Path file) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        nodes.add(JSON.readTree(line));
      }
    }
    return nodes;
  }

  /** Splits one RFC 4180 CSV line. */
  static final class CsvLine {
    static List<String> split(String line) {
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = !quoted;
        } else if (c == ',' && !quoted) {
          cells.add(cell.toString());
          cell.setLength(0);
        } else {
          cell.append(c);
        }
      }
      cells.add(cell.toString());
      return cells;
    }
  }
}
