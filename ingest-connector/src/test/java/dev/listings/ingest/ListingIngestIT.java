package dev.listings.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.ingest.testing.IngestStack;
import dev.listings.ingest.testing.TopicReader;
import dev.listings.schemas.ProvenanceHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listing mode on the embedded broker, S3 and Connect worker: formats, compression, headers, odd lines. */
@Tag("integration")
class ListingIngestIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String CSV =
      "id,raw_price,living_area,property_type,municipality,scraping_date\n"
          + "c1,\"CHF 1'250'000\",84 m²,house,\"Biel, Bienne\",17.02.2021\n"
          + "c2,\"€ 450.000\",,apartment,\"Le \"\"Locle\"\"\",2021/02/17\n"
          + "c3,530 000€/mo.,62,apartment,\"Two\nlines\",2021-02-17\n";

  @TempDir static Path dir;
  private static IngestStack stack;

  @BeforeAll
  static void start() throws IOException {
    stack = IngestStack.start(dir);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void ingestsJsonLinesCsvAndGzipObjectsWithProvenanceHeaders() throws Exception {
    byte[] sample = Files.readAllBytes(Path.of("../data/sample/scraping_data.jsonl"));
    List<String> sampleLines = List.of(new String(sample, UTF_8).split("\n"));
    String plainEtag = stack.put("in/sample.jsonl", sample);
    String gzipEtag = stack.put("in/sample.jsonl.gz", gzip(sample));
    String csvEtag = stack.put("in/listings.csv", CSV.getBytes(UTF_8));
    stack.put("in/listings-encoded.csv", gzip(CSV.getBytes(UTF_8)), "gzip");
    stack.put("other/ignored.jsonl", "{\"id\":\"x\"}\n".getBytes(UTF_8));
    stack.worker().createOrReplaceConnector("formats", stack.connectorConfig("raw-formats", "audit-formats", "in/"));

    List<JsonNode> audits = audits("audit-formats", 4);
    List<ConsumerRecord<String, byte[]>> raw = read("raw-formats", 2 * 207 + 2 * 3);

    assertThat(raw).hasSize(2 * 207 + 2 * 3);
    assertThat(raw).noneMatch(r -> header(r, ProvenanceHeaders.SOURCE_KEY).startsWith("other/"));
    List<ConsumerRecord<String, byte[]>> plain = of(raw, "in/sample.jsonl");
    assertThat(plain).extracting(r -> new String(r.value(), UTF_8)).containsExactlyElementsOf(sampleLines);
    assertThat(plain).extracting(r -> header(r, ProvenanceHeaders.SOURCE_LINE))
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 207).mapToObj(Integer::toString).toList());
    ConsumerRecord<String, byte[]> first = plain.get(0);
    assertThat(first.key()).isEqualTo("0000a4fb"); // the listing id: every version of a listing on one partition
    assertThat(header(first, ProvenanceHeaders.SOURCE_BUCKET)).isEqualTo("landing");
    assertThat(header(first, ProvenanceHeaders.SOURCE_KEY)).isEqualTo("in/sample.jsonl");
    assertThat(header(first, ProvenanceHeaders.SOURCE_ETAG)).isEqualTo(plainEtag);
    assertThat(header(first, ProvenanceHeaders.SOURCE_FORMAT)).isEqualTo("jsonl");
    assertThat(Long.parseLong(header(first, ProvenanceHeaders.INGEST_TS))).isPositive();

    List<ConsumerRecord<String, byte[]>> zipped = of(raw, "in/sample.jsonl.gz");
    assertThat(zipped).extracting(r -> new String(r.value(), UTF_8)).containsExactlyElementsOf(sampleLines);
    assertThat(header(zipped.get(0), ProvenanceHeaders.SOURCE_ETAG)).isEqualTo(gzipEtag);

    for (String key : List.of("in/listings.csv", "in/listings-encoded.csv")) {
      List<ConsumerRecord<String, byte[]>> rows = of(raw, key);
      assertThat(rows).extracting(r -> header(r, ProvenanceHeaders.SOURCE_LINE)).containsExactly("2", "3", "4");
      assertThat(rows).allSatisfy(r -> assertThat(header(r, ProvenanceHeaders.SOURCE_FORMAT)).isEqualTo("csv"));
      JsonNode c1 = JSON.readTree(rows.get(0).value());
      assertThat(c1.get("raw_price").asText()).isEqualTo("CHF 1'250'000");
      assertThat(c1.get("municipality").asText()).isEqualTo("Biel, Bienne");
      assertThat(c1.get("living_area").asText()).isEqualTo("84 m²");
      assertThat(JSON.readTree(rows.get(1).value()).get("municipality").asText()).isEqualTo("Le \"Locle\"");
      assertThat(JSON.readTree(rows.get(2).value()).get("municipality").asText()).isEqualTo("Two\nlines");
    }
    assertThat(header(of(raw, "in/listings.csv").get(0), ProvenanceHeaders.SOURCE_ETAG)).isEqualTo(csvEtag);

    assertThat(audits).allSatisfy(a -> {
      assertThat(a.get("status").asText()).isEqualTo("completed");
      assertThat(a.get("error").isNull()).isTrue();
    });
    JsonNode plainAudit = audits.stream().filter(a -> a.get("key").asText().equals("in/sample.jsonl")).findFirst()
        .orElseThrow();
    assertThat(plainAudit.get("lines").asLong()).isEqualTo(207);
    assertThat(plainAudit.get("bytes").asLong()).isEqualTo(sample.length);
    assertThat(plainAudit.get("etag").asText()).isEqualTo(plainEtag);
    assertThat(audits).filteredOn(a -> a.get("format").asText().equals("csv"))
        .allSatisfy(a -> assertThat(a.get("lines").asLong()).isEqualTo(3));
  }

  @Test
  void sendsBrokenAndOverLongLinesAsRawRecordsWithTheirFlags() throws Exception {
    ByteArrayOutputStream odd = new ByteArrayOutputStream();
    odd.write("{\"id\":\"ok\"}\n".getBytes(UTF_8));
    odd.write(new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xE9, '"', '}', '\n'});
    odd.write("\n".getBytes(UTF_8));
    odd.write(("{\"id\":\"long\",\"pad\":\"" + "x".repeat(5000) + "\"}\n").getBytes(UTF_8));
    odd.write("not json at all".getBytes(UTF_8));
    stack.put("odd/mixed.jsonl", odd.toByteArray());
    stack.put("odd/rows.csv", "a,b\n1,2\n1,2,3\n".getBytes(UTF_8));
    Map<String, String> config = stack.connectorConfig("raw-odd", "audit-odd", "odd/");
    config.put("line.max.bytes", "1024");
    stack.worker().createOrReplaceConnector("odd", config);

    audits("audit-odd", 2);
    List<ConsumerRecord<String, byte[]>> raw = read("raw-odd", 7);
    List<ConsumerRecord<String, byte[]>> lines = of(raw, "odd/mixed.jsonl");

    assertThat(lines).extracting(r -> header(r, ProvenanceHeaders.SOURCE_LINE)).containsExactly("1", "2", "3", "4", "5");
    assertThat(flags(lines.get(0))).isEmpty();
    assertThat(lines.get(1).value()).containsExactly('{', '"', 'i', 'd', '"', ':', '"', (byte) 0xE9, '"', '}');
    assertThat(header(lines.get(1), ProvenanceHeaders.LINE_INVALID_UTF8)).isEqualTo("true");
    assertThat(lines.get(2).value()).isEmpty();
    assertThat(flags(lines.get(2))).isEmpty();
    assertThat(lines.get(3).value()).hasSize(1024);
    assertThat(new String(lines.get(3).value(), UTF_8)).startsWith("{\"id\":\"long\"");
    assertThat(header(lines.get(3), ProvenanceHeaders.LINE_TRUNCATED)).isEqualTo("true");
    assertThat(new String(lines.get(4).value(), UTF_8)).isEqualTo("not json at all");

    List<ConsumerRecord<String, byte[]>> rows = of(raw, "odd/rows.csv");
    assertThat(new String(rows.get(0).value(), UTF_8)).isEqualTo("{\"a\":\"1\",\"b\":\"2\"}");
    assertThat(new String(rows.get(1).value(), UTF_8)).isEqualTo("1,2,3");
    assertThat(header(rows.get(1), "ingest.csv.unconverted")).contains("3 fields");
  }

  private static List<JsonNode> audits(String topic, int count) throws IOException {
    try (TopicReader reader = new TopicReader(stack.bootstrapServers(), topic)) {
      List<JsonNode> audits = new java.util.ArrayList<>();
      for (ConsumerRecord<String, byte[]> record : reader.read(count, WAIT)) {
        audits.add(JSON.readTree(record.value()));
      }
      assertThat(audits).hasSize(count);
      return audits;
    }
  }

  private static List<ConsumerRecord<String, byte[]>> read(String topic, int count) {
    try (TopicReader reader = new TopicReader(stack.bootstrapServers(), topic)) {
      return reader.read(count, WAIT);
    }
  }

  private static List<ConsumerRecord<String, byte[]>> of(List<ConsumerRecord<String, byte[]>> raw, String key) {
    return raw.stream().filter(r -> header(r, ProvenanceHeaders.SOURCE_KEY).equals(key))
        .sorted(Comparator.comparingLong(r -> Long.parseLong(header(r, ProvenanceHeaders.SOURCE_LINE))))
        .toList();
  }

  private static List<String> flags(ConsumerRecord<String, byte[]> record) {
    return java.util.stream.StreamSupport.stream(record.headers().spliterator(), false).map(Header::key)
        .filter(k -> k.startsWith("ingest.line.") || k.startsWith("ingest.csv.")).toList();
  }

  static String header(ConsumerRecord<String, byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), UTF_8);
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(data);
    }
    return out.toByteArray();
  }
}
