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
      assertThat(Double.parseDouble(row.get("median"))).isCloseTo(median(values), within(0.01));
      assertThat(Double.parseDouble(row.get("min"))).isEqualTo(values.stream().mapToDouble(d -> d).min().orElseThrow());
      assertThat(Double.parseDouble(row.get("max"))).isEqualTo(values.stream().mapToDouble(d -> d).max().orElseThrow());
    }
  }

  /** The t-digest's median of a small group: the observation of rank floor(n/2)+1 (the upper middle for even n). */
  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
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
