package dev.listings.cleaner.streams;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
