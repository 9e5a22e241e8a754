package dev.listings.cleaner.streams;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Binary encoding of {@link LedgerEntry} for the ledger stores (a format byte, then the fields in order). Format 2 adds
 * the re-drive run at the end; format 1 entries (written before re-drives were counted) still decode, as first
 * judgments.
 */
final class LedgerCodec {
  private static final byte FORMAT_V1 = 1;
  private static final byte FORMAT_V2 = 2;

  private LedgerCodec() {}

  static Serde<LedgerEntry> serde() {
    return Serdes.serdeFrom(
        (Serializer<LedgerEntry>) (topic, value) -> value == null ? null : encode(value),
        (Deserializer<LedgerEntry>) (topic, bytes) -> bytes == null ? null : decode(bytes));
  }

  static byte[] encode(LedgerEntry entry) {
    byte[] fast = encodeAscii(entry);
    return fast != null ? fast : encodeAny(entry);
  }

  /**
   * The same bytes as {@link #encodeAny} when every text is ASCII without NUL (there modified UTF-8 is ASCII), written
   * straight into an array of the exact size: entries are encoded on every counted line. Null otherwise.
   */
  private static byte[] encodeAscii(LedgerEntry entry) {
    Map<String, Long> reasons = entry.rejectedByReason();
    int size = 1 + 3 * Long.BYTES + Integer.BYTES + Long.BYTES + 1;
    for (String text : new String[] {entry.bucket(), entry.key(), entry.etag(), entry.redriveRun()}) {
      int textSize = text == null ? 0 : asciiSize(text);
      if (textSize < 0) {
        return null;
      }
      size += 1 + textSize;
    }
    for (String reason : reasons.keySet()) {
      int textSize = asciiSize(reason);
      if (textSize < 0) {
        return null;
      }
      size += textSize + Long.BYTES;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(FORMAT_V2);
    putNullable(out, entry.bucket());
    putNullable(out, entry.key());
    putNullable(out, entry.etag());
    out.putLong(entry.curated());
    out.putLong(entry.rejected());
    out.putLong(entry.duplicates());
    out.putInt(reasons.size());
    for (Map.Entry<String, Long> reason : reasons.entrySet()) {
      putAscii(out, reason.getKey());
      out.putLong(reason.getValue());
    }
    out.putLong(entry.lastChangeMillis());
    out.put((byte) (entry.unpublished() ? 1 : 0));
    putNullable(out, entry.redriveRun());
    return out.array();
  }

  /** Bytes of {@code value} as {@link DataOutputStream#writeUTF} writes it, or -1 when it is not plain ASCII. */
  private static int asciiSize(String value) {
    int length = value.length();
    if (length > 0xFFFF) {
      return -1;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c == 0 || c > 0x7F) {
        return -1;
      }
    }
    return 2 + length;
  }

  private static void putNullable(ByteBuffer out, String value) {
    out.put((byte) (value == null ? 0 : 1));
    if (value != null) {
      putAscii(out, value);
    }
  }

  private static void putAscii(ByteBuffer out, String value) {
    out.putShort((short) value.length());
    out.put(value.getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] encodeAny(LedgerEntry entry) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_V2);
      writeNullable(out, entry.bucket());
      writeNullable(out, entry.key());
      writeNullable(out, entry.etag());
      out.writeLong(entry.curated());
      out.writeLong(entry.rejected());
      out.writeLong(entry.duplicates());
      out.writeInt(entry.rejectedByReason().size());
      for (Map.Entry<String, Long> reason : entry.rejectedByReason().entrySet()) {
        out.writeUTF(reason.getKey());
        out.writeLong(reason.getValue());
      }
      out.writeLong(entry.lastChangeMillis());
      out.writeBoolean(entry.unpublished());
      writeNullable(out, entry.redriveRun());
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  static LedgerEntry decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      if (format != FORMAT_V1 && format != FORMAT_V2) {
        throw new SerializationException("unknown ledger entry format " + format);
      }
      String bucket = readNullable(in);
      String key = readNullable(in);
      String etag = readNullable(in);
      long curated = in.readLong();
      long rejected = in.readLong();
      long duplicates = in.readLong();
      int reasons = in.readInt();
      Map<String, Long> byReason = new TreeMap<>();
      for (int i = 0; i < reasons; i++) {
        byReason.put(in.readUTF(), in.readLong());
      }
      long lastChange = in.readLong();
      boolean unpublished = in.readBoolean();
      String redriveRun = format == FORMAT_V2 ? readNullable(in) : null;
      return new LedgerEntry(bucket, key, etag, curated, rejected, duplicates, byReason, lastChange, unpublished,
          redriveRun);
    } catch (IOException e) {
      throw new SerializationException("not a ledger entry", e);
    }
  }

  private static void writeNullable(DataOutputStream out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
