package dev.listings.ingest.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class JsonlSourceTest {
  @Test
  void sendsEveryLineUntouchedNumberedFromOneAndFlagsWhatIsWrong() throws IOException {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    data.write("{\"id\":\"1\"}\n".getBytes(UTF_8));
    data.write(new byte[] {'{', (byte) 0xFF, '}', '\n'});
    data.write("\n".getBytes(UTF_8));
    data.write(("{\"long\":\"" + "x".repeat(64) + "\"}\n").getBytes(UTF_8));
    data.write("not json at all".getBytes(UTF_8));

    List<SourceLine> lines = read(data.toByteArray(), 32);

    assertThat(lines).extracting(SourceLine::line).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(new String(lines.get(0).value(), UTF_8)).isEqualTo("{\"id\":\"1\"}");
    assertThat(lines.get(1).value()).containsExactly('{', (byte) 0xFF, '}');
    assertThat(lines.get(1).invalidUtf8()).isTrue();
    assertThat(lines.get(2).value()).isEmpty();
    assertThat(lines.get(3).truncated()).isTrue();
    assertThat(lines.get(3).value()).hasSize(32);
    assertThat(lines.get(3).invalidUtf8()).isFalse();
    assertThat(new String(lines.get(4).value(), UTF_8)).isEqualTo("not json at all");
    assertThat(lines).allSatisfy(l -> assertThat(l.unconverted()).isNull());
  }

  @Test
  void readsGzipContentAndReportsDamagedDataAsUnreadable() throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      for (int i = 1; i <= 1000; i++) {
        gzip.write(("{\"n\":" + i + "}\n").getBytes(UTF_8));
      }
    }
    byte[] whole = zipped.toByteArray();
    assertThat(read(Compression.GZIP.decode(new ByteArrayInputStream(whole)), 1024)).hasSize(1000);

    byte[] damaged = whole.clone();
    for (int i = 20; i < damaged.length - 10; i++) {
      damaged[i] ^= 0x5A;
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> read(Compression.GZIP.decode(new ByteArrayInputStream(damaged)), 1024))
        .isInstanceOf(UnreadableObjectException.class);
  }

  private static List<SourceLine> read(byte[] data, int cap) throws IOException {
    return read(new ByteArrayInputStream(data), cap);
  }

  private static List<SourceLine> read(java.io.InputStream in, int cap) throws IOException {
    JsonlSource source = new JsonlSource(LineSplitter.lines(in, 0, cap), 0);
    List<SourceLine> lines = new ArrayList<>();
    for (SourceLine line = source.next(); line != null; line = source.next()) {
      lines.add(line);
    }
    return lines;
  }
}
