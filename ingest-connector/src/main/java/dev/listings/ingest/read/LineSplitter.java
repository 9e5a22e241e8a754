package dev.listings.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it, keeping at most {@code maxLineBytes} of any line in memory, so
 * memory stays flat whatever the object and line sizes. A line ends at LF; a CR right before the LF belongs to the
 * terminator; a final line without LF is a line, a final LF does not start another one. In CSV mode an LF inside a
 * quoted field (a quote at the start of a field opens it, {@code ""} inside it is a quote) does not end the row.
 * Positions are absolute byte offsets in the stream, counted from the position the splitter was started at.
 */
public final class LineSplitter {
  /** One line's content (cut to the cap when {@code truncated}) and the position just after its terminator. */
  public record Line(byte[] bytes, boolean truncated, long end) {}

  private static final int READ_BUFFER = 64 * 1024;
  private static final int FIRST_LINE_BUFFER = 8 * 1024;
  private static final byte LF = '\n';
  private static final byte CR = '\r';
  private static final byte QUOTE = '"';
  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_IN_QUOTED = 3;

  private final InputStream in;
  private final int maxLineBytes;
  private final boolean csv;
  private final byte separator;
  private final byte[] buffer = new byte[READ_BUFFER];
  private int pos;
  private int limit;
  private long position;
  private byte[] line;
  private int kept;
  private long lineLength;
  private boolean lastWasCr;
  private int csvState;

  private LineSplitter(InputStream in, long startPosition, int maxLineBytes, boolean csv, char separator) {
    this.in = in;
    this.position = startPosition;
    this.maxLineBytes = maxLineBytes;
    this.csv = csv;
    this.separator = (byte) separator;
    this.line = new byte[Math.min(maxLineBytes, FIRST_LINE_BUFFER)];
  }

  public static LineSplitter lines(InputStream in, long startPosition, int maxLineBytes) {
    return new LineSplitter(in, startPosition, maxLineBytes, false, ',');
  }

  public static LineSplitter csvRows(InputStream in, long startPosition, int maxLineBytes, char separator) {
    return new LineSplitter(in, startPosition, maxLineBytes, true, separator);
  }

  /** The next line, or {@code null} at the end of the stream. */
  public Line next() throws IOException {
    kept = 0;
    lineLength = 0;
    lastWasCr = false;
    csvState = FIELD_START;
    boolean consumedAny = false;
    while (true) {
      if (pos == limit && !fill()) {
        return consumedAny ? finish(false) : null;
      }
      consumedAny = true;
      int end = csv ? csvRowEnd(pos) : lineEnd(pos);
      keep(pos, end);
      position += end - pos;
      pos = end;
      if (end < limit) {
        pos++;
        position++;
        return finish(true);
      }
    }
  }

  /** Discards everything up to the absolute {@code target} position (for resuming inside a stream read again). */
  public void skipTo(long target) throws IOException {
    if (target < position) {
      throw new IllegalArgumentException("Cannot skip back from " + position + " to " + target);
    }
    int fromBuffer = (int) Math.min(limit - pos, target - position);
    pos += fromBuffer;
    position += fromBuffer;
    if (position < target) {
      in.skipNBytes(target - position);
      position = target;
    }
  }

  /** Position just after the last line returned. */
  public long position() {
    return position;
  }

  /** Bytes held for the current line: never more than the cap (plus the one byte that may be a CR). */
  int lineBufferCapacity() {
    return line.length;
  }

  private int lineEnd(int from) {
    for (int i = from; i < limit; i++) {
      if (buffer[i] == LF) {
        return i;
      }
    }
    return limit;
  }

  private int csvRowEnd(int from) {
    int state = csvState;
    int i = from;
    for (; i < limit; i++) {
      byte b = buffer[i];
      if (state == QUOTED) {
        if (b == QUOTE) {
          state = QUOTE_IN_QUOTED;
        }
      } else if (b == LF) {
        break;
      } else if (b == separator) {
        state = FIELD_START;
      } else if (b == QUOTE) {
        state = state == FIELD_START || state == QUOTE_IN_QUOTED ? QUOTED : UNQUOTED;
      } else {
        state = UNQUOTED;
      }
    }
    csvState = state;
    return i;
  }

  private void keep(int from, int to) {
    int length = to - from;
    if (length == 0) {
      return;
    }
    lineLength += length;
    lastWasCr = buffer[to - 1] == CR;
    // One byte beyond the cap is kept so that a CR ending a line exactly at the cap is not taken for content.
    int room = maxLineBytes + 1 - kept;
    int copy = Math.min(room, length);
    if (copy > 0) {
      ensureCapacity(kept + copy);
      System.arraycopy(buffer, from, line, kept, copy);
      kept += copy;
    }
  }

  private void ensureCapacity(int needed) {
    if (needed > line.length) {
      int grown = (int) Math.min((long) maxLineBytes + 1, Math.max((long) line.length * 2, needed));
      line = Arrays.copyOf(line, grown);
    }
  }

  private Line finish(boolean endedByLf) {
    long content = endedByLf && lastWasCr ? lineLength - 1 : lineLength;
    boolean truncated = content > maxLineBytes;
    int length = (int) Math.min(content, maxLineBytes);
    return new Line(Arrays.copyOf(line, length), truncated, position);
  }

  private boolean fill() throws IOException {
    int read = in.readNBytes(buffer, 0, buffer.length);
    pos = 0;
    limit = Math.max(read, 0);
    return read > 0;
  }
}
