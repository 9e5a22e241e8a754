package dev.listings.ingest.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineSplitterTest {
  private static final int CAP = 1024;

  @Test
  void splitsOnLineFeedsAndTakesCarriageReturnBeforeThemAsPartOfTheTerminator() throws IOException {
    assertThat(texts("a\nb\r\nc", CAP)).containsExactly("a", "b", "c");
  }

  @Test
  void keepsEmptyLinesButAFinalLineFeedStartsNoLine() throws IOException {
    assertThat(texts("a\n\n\nb\n", CAP)).containsExactly("a", "", "", "b");
    assertThat(texts("\n", CAP)).containsExactly("");
    assertThat(texts("", CAP)).isEmpty();
    assertThat(texts("x\n\n", CAP)).containsExactly("x", "");
  }

  @Test
  void keepsALoneCarriageReturnAsContent() throws IOException {
    assertThat(texts("a\rb\nc\r", CAP)).containsExactly("a\rb", "c\r");
  }

  @Test
  void reportsAbsolutePositionsJustAfterEachTerminator() throws IOException {
    LineSplitter splitter = LineSplitter.lines(stream("ab\r\nc\nd"), 100, CAP);
    assertThat(splitter.next().end()).isEqualTo(104);
    assertThat(splitter.next().end()).isEqualTo(106);
    assertThat(splitter.next().end()).isEqualTo(107);
    assertThat(splitter.next()).isNull();
  }

  @Test
  void cutsALineLongerThanTheCapAndReadsOnAfterItWithBoundedMemory() throws IOException {
    String longLine = "x".repeat(5 * 1024 * 1024);
    LineSplitter splitter = LineSplitter.lines(stream(longLine + "\nnext\n"), 0, CAP);

    LineSplitter.Line cut = splitter.next();
    assertThat(cut.truncated()).isTrue();
    assertThat(cut.bytes()).hasSize(CAP);
    assertThat(cut.end()).isEqualTo(longLine.length() + 1L);
    assertThat(splitter.lineBufferCapacity()).isLessThanOrEqualTo(CAP + 1);

    LineSplitter.Line next = splitter.next();
    assertThat(new String(next.bytes(), UTF_8)).isEqualTo("next");
    assertThat(next.truncated()).isFalse();
  }

  @Test
  void aLineExactlyAtTheCapIsNotCutEvenWithACarriageReturn() throws IOException {
    String atCap = "y".repeat(CAP);
    List<LineSplitter.Line> lines = lines(atCap + "\r\n" + atCap + "z\n", CAP);
    assertThat(lines.get(0).truncated()).isFalse();
    assertThat(lines.get(0).bytes()).hasSize(CAP);
    assertThat(lines.get(1).truncated()).isTrue();
  }

  @Test
  void keepsLineFeedsInsideQuotedCsvFieldsInTheirRow() throws IOException {
    String csv = "id,text\n1,\"two\nlines\"\n2,\"say \"\"hi\"\"\nthere\"\n3,plain\n";
    List<String> rows = csvTexts(csv);
    assertThat(rows).containsExactly(
        "id,text", "1,\"two\nlines\"", "2,\"say \"\"hi\"\"\nthere\"", "3,plain");
  }

  @Test
  void takesAQuoteInsideAnUnquotedCsvFieldLiterally() throws IOException {
    assertThat(csvTexts("size,label\n5'5\",tall\n6,x\n")).containsExactly("size,label", "5'5\",tall", "6,x");
  }

  @Test
  void skipsToAPositionInsideTheBufferOrBeyondIt() throws IOException {
    LineSplitter splitter = LineSplitter.lines(stream("one\ntwo\nthree\n"), 0, CAP);
    splitter.next();
    splitter.skipTo(8);
    assertThat(new String(splitter.next().bytes(), UTF_8)).isEqualTo("three");

    LineSplitter far = LineSplitter.lines(stream("a".repeat(200_000) + "\nlast\n"), 0, CAP);
    far.skipTo(200_001);
    assertThat(new String(far.next().bytes(), UTF_8)).isEqualTo("last");
  }

  @Test
  void splitsRandomTextLikeAPlainSplitOnLineFeeds() throws IOException {
    Random random = new Random(42);
    for (int round = 0; round < 60; round++) {
      byte[] data = new byte[random.nextInt(200_000)];
      for (int i = 0; i < data.length; i++) {
        int pick = random.nextInt(60);
        data[i] = (byte) (pick == 0 ? '\n' : pick == 1 ? '\r' : 'a' + pick % 26);
      }
      int cap = 1 + random.nextInt(5000);
      List<LineSplitter.Line> actual = lines(data, cap);
      List<LineSplitter.Line> expected = reference(data, cap);
      assertThat(actual).as("round %d", round).hasSameSizeAs(expected);
      for (int i = 0; i < expected.size(); i++) {
        LineSplitter.Line line = actual.get(i);
        LineSplitter.Line wanted = expected.get(i);
        assertThat(Arrays.equals(line.bytes(), wanted.bytes()) && line.truncated() == wanted.truncated()
            && line.end() == wanted.end()).as("round %d line %d", round, i).isTrue();
      }
    }
  }

  /** Straightforward splitting of the whole array, to compare the streaming splitter with. */
  private static List<LineSplitter.Line> reference(byte[] data, int cap) {
    List<LineSplitter.Line> lines = new ArrayList<>();
    int start = 0;
    while (start < data.length) {
      int lf = start;
      while (lf < data.length && data[lf] != '\n') {
        lf++;
      }
      boolean terminated = lf < data.length;
      int contentEnd = terminated && lf > start && data[lf - 1] == '\r' ? lf - 1 : lf;
      int length = contentEnd - start;
      byte[] kept = Arrays.copyOfRange(data, start, start + Math.min(length, cap));
      long end = terminated ? lf + 1 : lf;
      lines.add(new LineSplitter.Line(kept, length > cap, end));
      start = (int) end;
    }
    return lines;
  }

  private static List<String> texts(String text, int cap) throws IOException {
    return lines(text, cap).stream().map(l -> new String(l.bytes(), UTF_8)).toList();
  }

  private static List<String> csvTexts(String text) throws IOException {
    LineSplitter splitter = LineSplitter.csvRows(stream(text), 0, CAP, ',');
    List<String> rows = new ArrayList<>();
    for (LineSplitter.Line row = splitter.next(); row != null; row = splitter.next()) {
      rows.add(new String(row.bytes(), UTF_8));
    }
    return rows;
  }

  private static List<LineSplitter.Line> lines(String text, int cap) throws IOException {
    return lines(text.getBytes(UTF_8), cap);
  }

  private static List<LineSplitter.Line> lines(byte[] data, int cap) throws IOException {
    LineSplitter splitter = LineSplitter.lines(new ByteArrayInputStream(data), 0, cap);
    List<LineSplitter.Line> lines = new ArrayList<>();
    for (LineSplitter.Line line = splitter.next(); line != null; line = splitter.next()) {
      lines.add(line);
    }
    return lines;
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(UTF_8));
  }
}
