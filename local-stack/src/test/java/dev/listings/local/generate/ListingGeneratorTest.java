package dev.listings.local.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListingGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> lines(long seed, int n) {
    ListingGenerator generator = new ListingGenerator(seed, ListingGenerator.Mix.realistic());
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add(generator.nextLine());
    }
    return lines;
  }

  @Test
  void sameSeedGivesSameLinesAndOtherSeedDiffers() {
    assertThat(lines(7, 2_000)).isEqualTo(lines(7, 2_000));
    assertThat(lines(8, 2_000)).isNotEqualTo(lines(7, 2_000));
  }

  @Test
  void mixesDuplicatesPriceChangesAndBrokenLines() {
    List<String> lines = lines(42, 20_000);
    Set<String> seen = new HashSet<>();
    Map<String, String> priceById = new HashMap<>();
    int duplicates = 0;
    int priceChanges = 0;
    int unparseable = 0;
    for (String line : lines) {
      if (!seen.add(line)) {
        duplicates++;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        unparseable++;
        continue;
      }
      String id = node.path("id").asText();
      String price = node.path("raw_price").toString();
      String previous = priceById.put(id, price);
      if (previous != null && !previous.equals(price)) {
        priceChanges++;
      }
    }
    assertThat(duplicates).isBetween(4_000, 8_000);
    assertThat(priceChanges).isBetween(800, 2_500);
    assertThat(unparseable).isBetween(50, 400);
  }

  @Test
  void usesSeveralPriceAreaAndDateFormats() {
    List<String> lines = lines(3, 5_000);
    assertThat(lines).anyMatch(l -> l.contains("€/mo."));
    assertThat(lines).anyMatch(l -> l.contains("\"CHF "));
    assertThat(lines).anyMatch(l -> l.contains("Mio. CHF"));
    assertThat(lines).anyMatch(l -> l.matches(".*\"raw_price\":\"\\d+k\".*"));
    assertThat(lines).anyMatch(l -> l.contains("m²"));
    assertThat(lines).anyMatch(l -> l.matches(".*\"scraping_date\":\"\\d\\d\\.\\d\\d\\.\\d{4}\".*"));
    assertThat(lines).anyMatch(l -> l.matches(".*\"scraping_date\":\"\\d{4}/\\d\\d/\\d\\d\".*"));
  }

  @Test
  void writesGzipWhenTheNameSaysSo(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("listings.jsonl.gz");
    ListingGenerator.writeFile(file, 1_000, 1, n -> {});
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(text.split("\n")).hasSize(1_000);
      assertThat(text).endsWith("\n");
    }
  }
}
