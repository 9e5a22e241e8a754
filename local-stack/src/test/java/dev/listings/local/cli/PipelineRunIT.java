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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./pipeline run} on the bundled sample, through the real path: S3, Connect, Kafka, Streams, tables. */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineRunIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SAMPLE = Path.of("..", "data", "sample", "scraping_data.jsonl");

  @TempDir static Path work;
  private Path out;
  private int exitCode;

  @BeforeAll
  void runTheSample() {
    out = work.resolve("out");
    exitCode =
        PipelineCli.execute(
            "run", "--input", SAMPLE.toString(), "--out", out.toString(),
            "--state-dir", work.resolve("state").toString(),
            "--kafka-port", "0", "--registry-port", "0", "--connect-port", "0", "--s3-port", "0");
  }

  @Test
  void accountsForEveryLineOfTheSample() throws IOException {
    assertThat(exitCode).isZero();
    JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
    assertThat(summary.path("lines").asLong()).isEqualTo(207);
    assertThat(summary.path("curated").asLong()).isEqualTo(90);
    assertThat(summary.path("rejected").asLong()).isEqualTo(22);
    assertThat(summary.path("duplicates").asLong()).isEqualTo(95);
    JsonNode reasons = summary.path("rejected_by_reason");
    assertThat(reasons.path("PROPERTY_TYPE_EXCLUDED").asLong()).isEqualTo(7);
    assertThat(reasons.path("AREA_OUT_OF_RANGE").asLong()).isEqualTo(5);
    assertThat(reasons.path("PRICE_PER_SQM_OUT_OF_RANGE").asLong()).isEqualTo(10);
    assertThat(summary.path("elapsed_ms").asLong()).isPositive();
    assertThat(summary.path("records_per_second").asDouble()).isPositive();
  }

  @Test
  void writesTheCuratedListingsAndTheRejectsWithProvenance() throws IOException {
    List<JsonNode> curated = readJsonLines(out.resolve("curated.jsonl"));
    assertThat(curated).hasSize(90);
    JsonNode first = curated.get(0);
    assertThat(first.path("scraping_date").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(first.path("currency").asText()).isEqualTo("EUR");
    assertThat(first.path("source").path("key").asText()).isEqualTo("incoming/scraping_data.jsonl");
    assertThat(first.path("source").path("line").asLong()).isBetween(1L, 207L);
    for (JsonNode listing : curated) {
      double expected = Math.round(listing.path("price").asDouble() / listing.path("living_area").asDouble() * 100)
          / 100.0;
      assertThat(listing.path("price_per_square_meter").asDouble()).isCloseTo(expected, within(0.005));
    }

    List<JsonNode> rejects = readJsonLines(out.resolve("rejects.jsonl"));
    assertThat(rejects).hasSize(22);
    assertThat(rejects).allSatisfy(r -> {
      assertThat(r.path("reason").asText()).isNotBlank();
      assertThat(r.path("raw").asText()).startsWith("{");
      assertThat(r.path("provenance").path("line").asLong()).isPositive();
    });
  }

  @Test
  void priceStatisticsMatchAnIndependentComputationFromCurated() throws IOException {
    Map<String, List<Double>> groups = new HashMap<>();
    for (JsonNode listing : readJsonLines(out.resolve("curated.jsonl"))) {
      String key = listing.path("municipality").asText() + "|" + listing.path("property_type").asText() + "|"
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
      assertThat(values).as("group %s", key).isNotNull();
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
   * Price changes recomputed from curated.jsonl, whose per-listing order is the curated topic's: per id, the latest
   * version by scraping date (a version older than it is out of order and ignored); a new version emits a change when
   * its price differs or when both versions state different currencies; a version without a currency keeps the one
   * last stated. (The bundled sample re-scrapes listings only at the same price, so here both sides are empty; the
   * comparison is the same for any input.)
   */
  @Test
  void priceChangesMatchAnIndependentComputationFromCurated() throws IOException {
    record Latest(double price, String currency, String date) {}
    Map<String, Latest> latest = new HashMap<>();
    List<Map<String, String>> expected = new ArrayList<>();
    for (JsonNode listing : readJsonLines(out.resolve("curated.jsonl"))) {
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
        expected.add(change);
      }
      latest.put(id, new Latest(price, currency != null ? currency : before.currency(), date));
    }

    List<Map<String, String>> actual = readCsv(out.resolve("usecases").resolve("price_changes.csv"));
    assertThat(actual).hasSameSizeAs(expected);
    Map<String, List<Map<String, String>>> actualById = new HashMap<>();
    actual.forEach(row -> actualById.computeIfAbsent(row.get("id"), k -> new ArrayList<>()).add(row));
    Map<String, Integer> seen = new HashMap<>();
    for (Map<String, String> change : expected) {
      int n = seen.merge(change.get("id"), 1, Integer::sum);
      List<Map<String, String>> rows = actualById.getOrDefault(change.get("id"), List.of());
      assertThat(rows).as("changes of %s", change.get("id")).hasSizeGreaterThanOrEqualTo(n);
      Map<String, String> row = rows.get(n - 1);
      for (String column : List.of("municipality", "property_type", "old_currency", "new_currency",
          "old_scraping_date", "new_scraping_date")) {
        assertThat(row.get(column)).as("%s of change %d of %s", column, n, change.get("id"))
            .isEqualTo(change.get(column));
      }
      for (String column : List.of("old_price", "new_price", "absolute_change", "relative_change")) {
        if (change.get(column).isEmpty()) {
          assertThat(row.get(column)).as("%s of change %d of %s", column, n, change.get("id")).isEmpty();
        } else {
          assertThat(Double.parseDouble(row.get(column))).as("%s of change %d of %s", column, n, change.get("id"))
              .isCloseTo(Double.parseDouble(change.get(column)), within(1e-9));
        }
      }
    }
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
    for (JsonNode listing : readJsonLines(out.resolve("curated.jsonl"))) {
      String id = listing.path("id").asText();
      String date = listing.path("scraping_date").asText();
      String municipality = listing.path("municipality").asText("").strip();
      FirstSeen seen = firstSeen.get(id);
      if (seen == null || date.compareTo(seen.date()) < 0) {
        firstSeen.put(id, new FirstSeen(date, municipality.isEmpty() ? "(unknown)" : municipality));
      }
    }
    Map<String, Long> expected = new HashMap<>();
    firstSeen.values().forEach(seen -> expected.merge(seen.municipality() + "|" + seen.date(), 1L, Long::sum));

    Map<String, Long> actual = new HashMap<>();
    for (Map<String, String> row : readCsv(out.resolve("usecases").resolve("market_activity.csv"))) {
      long count = Long.parseLong(row.get("new_listings"));
      if (count != 0) {
        assertThat(actual.put(row.get("municipality") + "|" + row.get("date"), count)).isNull();
      }
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(actual.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(firstSeen.size());
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
