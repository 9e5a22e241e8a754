package dev.listings.ingest.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvSourceTest {
  private final CsvRowConverter converter = new CsvRowConverter(',');

  @Test
  void turnsEachRowIntoAJsonObjectKeyedByTheHeaderWithStringValues() throws IOException {
    List<SourceLine> rows = read("id,raw_price,living_area\nA1,\"530 000€/mo.\",84\nA2,\"1,2 Mio.\",\n", 1024);

    assertThat(rows).extracting(r -> text(r.value())).containsExactly(
        "{\"id\":\"A1\",\"raw_price\":\"530 000€/mo.\",\"living_area\":\"84\"}",
        "{\"id\":\"A2\",\"raw_price\":\"1,2 Mio.\",\"living_area\":\"\"}");
    assertThat(rows).extracting(SourceLine::line).containsExactly(2L, 3L);
    assertThat(rows).allSatisfy(r -> assertThat(r.unconverted()).isNull());
  }

  @Test
  void keepsQuotedLineBreaksAndEscapedQuotesInsideOneRow() throws IOException {
    List<SourceLine> rows = read("id,note\n1,\"two\nlines, \"\"quoted\"\"\"\n", 1024);
    assertThat(rows).singleElement().satisfies(r -> {
      assertThat(text(r.value())).isEqualTo("{\"id\":\"1\",\"note\":\"two\\nlines, \\\"quoted\\\"\"}");
      assertThat(r.line()).isEqualTo(2);
    });
  }

  @Test
  void sendsARowWithAnotherNumberOfFieldsAsItsOwnBytesWithTheReason() throws IOException {
    List<SourceLine> rows = read("a,b\n1,2,3\n\n4,5\n", 1024);
    assertThat(rows).hasSize(3);
    assertThat(text(rows.get(0).value())).isEqualTo("1,2,3");
    assertThat(rows.get(0).unconverted()).isEqualTo("row has 3 fields, the header 2");
    assertThat(text(rows.get(1).value())).isEmpty();
    assertThat(rows.get(1).unconverted()).contains("0 fields");
    assertThat(text(rows.get(2).value())).isEqualTo("{\"a\":\"4\",\"b\":\"5\"}");
    assertThat(rows).extracting(SourceLine::line).containsExactly(2L, 3L, 4L);
  }

  @Test
  void sendsRowsThatAreCutOrNotUtf8UntouchedAndFlagged() throws IOException {
    byte[] latin1 = "a,b\n1,caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    SourceLine invalid = read(latin1, 1024).get(0);
    assertThat(invalid.invalidUtf8()).isTrue();
    assertThat(invalid.value()).isEqualTo("1,caf\u00e9".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    SourceLine cut = read("a,b\n1," + "x".repeat(100) + "\n", 20).get(0);
    assertThat(cut.truncated()).isTrue();
    assertThat(cut.value()).hasSize(20);
    assertThat(cut.unconverted()).isEqualTo("row longer than the line cap");
  }

  @Test
  void dropsAByteOrderMarkFromTheFirstColumnName() throws IOException {
    assertThat(text(read("\uFEFFid,x\n7,8\n", 1024).get(0).value())).isEqualTo("{\"id\":\"7\",\"x\":\"8\"}");
  }

  @Test
  void findsNoRowsInAnEmptyObjectOrOneWithOnlyAHeader() throws IOException {
    assertThat(CsvSource.readHeader(splitter("".getBytes(UTF_8), 1024), converter)).isNull();
    assertThat(read("a,b\n", 1024)).isEmpty();
  }

  @Test
  void cannotReadAnObjectWhoseHeaderIsCutOrNotUtf8() {
    assertThatThrownBy(() -> CsvSource.readHeader(splitter(("a,b," + "c".repeat(50)).getBytes(UTF_8), 16), converter))
        .isInstanceOf(UnreadableObjectException.class).hasMessageContaining("longer than the line cap");
    assertThatThrownBy(() -> CsvSource.readHeader(splitter(new byte[] {'a', (byte) 0xE9, '\n'}, 16), converter))
        .isInstanceOf(UnreadableObjectException.class).hasMessageContaining("not valid UTF-8");
  }

  @Test
  void numbersRowsOnFromTheLineOfAResumedOffset() throws IOException {
    LineSplitter splitter = splitter("9,9\n".getBytes(UTF_8), 1024);
    SourceLine row = new CsvSource(splitter, List.of("a", "b"), 41, converter).next();
    assertThat(row.line()).isEqualTo(42);
  }

  private List<SourceLine> read(String csv, int cap) throws IOException {
    return read(csv.getBytes(UTF_8), cap);
  }

  private List<SourceLine> read(byte[] csv, int cap) throws IOException {
    LineSplitter splitter = splitter(csv, cap);
    List<String> header = CsvSource.readHeader(splitter, converter);
    CsvSource source = new CsvSource(splitter, header, 1, converter);
    List<SourceLine> rows = new ArrayList<>();
    for (SourceLine row = source.next(); row != null; row = source.next()) {
      rows.add(row);
    }
    return rows;
  }

  private static LineSplitter splitter(byte[] data, int cap) {
    return LineSplitter.csvRows(new ByteArrayInputStream(data), 0, cap, ',');
  }

  private static String text(byte[] bytes) {
    return new String(bytes, UTF_8);
  }
}
