package dev.listings.ingest.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongFunction;
import java.util.zip.GZIPOutputStream;

/**
 * Generated listings in the scrapers' JSON lines shape, line {@code n} always the same text. Objects of any size are
 * produced as streams, line by line, so that neither a test nor the benchmark holds one in memory.
 */
public final class Listings {
  private static final String NOTE_OPEN = ",\"note\":\"";
  private static final String NOTE_CLOSE = "\"}";

  private Listings() {}

  public static String line(long n) {
    return "{\"id\":\"" + Long.toHexString(0x10000000L + n) + "\",\"raw_price\":\"" + (300 + n % 997)
        + " 000€/mo.\",\"living_area\":" + (30 + n % 170) + ".0,\"property_type\":\""
        + (n % 3 == 0 ? "house" : "apartment") + "\",\"municipality\":\"Town " + (n % 113)
        + "\",\"scraping_date\":\"2022-" + String.format("%02d", 1 + n % 12) + "-17\",\"line\":" + n + "}";
  }

  /**
   * Line {@code n} padded with a {@code note} field to exactly {@code width} UTF-8 bytes (at least 256, which every
   * unpadded line fits in).
   */
  public static String line(long n, int width) {
    if (width < 256) {
      throw new IllegalArgumentException("A padded line is at least 256 bytes wide");
    }
    String base = line(n);
    int baseBytes = base.getBytes(UTF_8).length;
    int pad = width - baseBytes - NOTE_OPEN.length() - NOTE_CLOSE.length() + 1;
    return base.substring(0, base.length() - 1) + NOTE_OPEN + "x".repeat(pad) + NOTE_CLOSE;
  }

  /** The lines of {@code width} bytes, or unpadded for width 0. */
  public static LongFunction<String> lines(int width) {
    return width == 0 ? Listings::line : n -> line(n, width);
  }

  /** Writes lines 1 to {@code count}, each followed by a line feed. */
  public static void write(OutputStream out, long count) throws IOException {
    for (long n = 1; n <= count; n++) {
      out.write(line(n).getBytes(UTF_8));
      out.write('\n');
    }
  }

  public static byte[] bytes(long count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(out, count);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** Lines 1 to {@code count} gzip-compressed; only the compressed bytes are held. */
  public static byte[] gzipped(long count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = stream(count, 0); GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
      in.transferTo(gzip);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /** Lines 1 to {@code count} ({@link #lines(int) of the width}), each followed by a line feed, made as read. */
  public static InputStream stream(long count, int width) {
    return new Generated(count, lines(width));
  }

  /** How many bytes {@link #stream} yields: by arithmetic for padded lines, by one pass otherwise. */
  public static long size(long count, int width) {
    if (width > 0) {
      return count * (width + 1L);
    }
    long size = 0;
    for (long n = 1; n <= count; n++) {
      size += line(n).getBytes(UTF_8).length + 1;
    }
    return size;
  }

  private static final class Generated extends InputStream {
    private final long count;
    private final LongFunction<String> lines;
    private long next = 1;
    private byte[] current = new byte[0];
    private int pos;

    Generated(long count, LongFunction<String> lines) {
      this.count = count;
      this.lines = lines;
    }

    private boolean ensure() {
      while (pos == current.length) {
        if (next > count) {
          return false;
        }
        current = (lines.apply(next++) + "\n").getBytes(UTF_8);
        pos = 0;
      }
      return true;
    }

    @Override
    public int read() {
      return ensure() ? current[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int copied = 0;
      while (copied < len && ensure()) {
        int n = Math.min(len - copied, current.length - pos);
        System.arraycopy(current, pos, b, off + copied, n);
        pos += n;
        copied += n;
      }
      return copied == 0 ? -1 : copied;
    }
  }
}
