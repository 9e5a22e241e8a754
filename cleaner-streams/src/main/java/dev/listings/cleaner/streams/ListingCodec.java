package dev.listings.cleaner.streams;

import dev.listings.cleaner.rules.CleanListing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary encoding of the cleaner's internal values (the repartition topic and the dedupe store), private to
 * this app: a format byte, then the fields in a fixed order. Cheaper than JSON or a registry round trip; a new format
 * byte is how the encoding evolves while old records drain.
 */
final class ListingCodec {
  private static final byte FORMAT_V1 = 1;

  private ListingCodec() {}

  static Serde<JudgedListing> judgedListingSerde() {
    return Serdes.serdeFrom(
        (Serializer<JudgedListing>) (topic, value) -> value == null ? null : encode(value),
        (Deserializer<JudgedListing>) (topic, bytes) -> bytes == null ? null : decodeJudged(bytes));
  }

  static Serde<CleanListing> cleanListingSerde() {
    return Serdes.serdeFrom(
        (Serializer<CleanListing>) (topic, value) -> value == null ? null : encode(value),
        (Deserializer<CleanListing>) (topic, bytes) -> bytes == null ? null : decodeListing(bytes));
  }

  static byte[] encode(JudgedListing value) {
    return write(out -> {
      writeListing(out, value.listing());
      Provenance p = value.provenance();
      writeString(out, p.bucket());
      writeString(out, p.key());
      writeString(out, p.etag());
      writeLong(out, p.line());
      writeString(out, p.format());
      writeLong(out, p.ingestedAtMillis());
      writeString(out, value.rulesVersion());
    });
  }

  static JudgedListing decodeJudged(byte[] bytes) {
    return read(bytes, in -> {
      CleanListing listing = readListing(in);
      Provenance provenance = new Provenance(
          readString(in), readString(in), readString(in), readLong(in), readString(in), readLong(in));
      return new JudgedListing(listing, provenance, readString(in));
    });
  }

  static byte[] encode(CleanListing value) {
    return write(out -> writeListing(out, value));
  }

  static CleanListing decodeListing(byte[] bytes) {
    return read(bytes, ListingCodec::readListing);
  }

  private static void writeListing(DataOutputStream out, CleanListing l) throws IOException {
    writeString(out, l.id());
    out.writeLong(l.scrapingDate().toEpochDay());
    writeString(out, l.propertyType());
    writeString(out, l.municipality());
    out.writeDouble(l.price());
    writeString(out, l.currency());
    out.writeDouble(l.livingArea());
    out.writeDouble(l.pricePerSquareMeter());
  }

  private static CleanListing readListing(DataInputStream in) throws IOException {
    return new CleanListing(readString(in), LocalDate.ofEpochDay(in.readLong()), readString(in), readString(in),
        in.readDouble(), readString(in), in.readDouble(), in.readDouble());
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static byte[] write(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_V1);
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return bytes.toByteArray();
  }

  private static <T> T read(byte[] bytes, Reader<T> reader) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      if (format != FORMAT_V1) {
        throw new SerializationException("unknown cleaner listing format " + format);
      }
      T value = reader.read(in);
      if (in.available() > 0) {
        throw new SerializationException("trailing bytes after a cleaner listing");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException s) {
        throw s;
      }
      throw new SerializationException("not a cleaner listing: " + e, e);
    }
  }

  private static void writeString(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    if (length > in.available()) {
      throw new SerializationException("string length " + length + " exceeds the record");
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static void writeLong(DataOutputStream out, Long value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeLong(value);
    }
  }

  private static Long readLong(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readLong() : null;
  }
}
