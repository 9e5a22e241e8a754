package dev.listings.cleaner.streams;

import dev.listings.cleaner.rules.CleanListing;
import java.nio.ByteBuffer;
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
 *
 * <p>Format 1, big-endian: strings as a 4-byte length (-1 for null) and their UTF-8 bytes; dates as the 8-byte epoch
 * day; doubles as their 8-byte IEEE 754 bits; optional longs as a presence byte (0 or 1) and, when present, 8 bytes.
 * Every value is written into one array of its exact size and read straight from the record's bytes, once per accepted
 * line on each side of the repartition topic and on every dedupe-store access.
 */
final class ListingCodec {
  private static final byte FORMAT_V1 = 1;
  private static final int STRING_HEADER = Integer.BYTES;
  /** Scraping date, price, living area, price per m². */
  private static final int LISTING_FIXED = 4 * Long.BYTES;

  private ListingCodec() {}

  static Serde<JudgedListing> judgedListingSerde() {
    return Serdes.serdeFrom(
        (Serializer<JudgedListing>) (topic, value) -> value == null ? null : encode(value),
        (Deserializer<JudgedListing>) (topic, bytes) -> bytes == null ? null : decodeJudged(bytes));
  }

  static byte[] encode(JudgedListing value) {
    CleanListing listing = value.listing();
    Provenance p = value.provenance();
    byte[][] strings = utf8(listing.id(), listing.propertyType(), listing.municipality(), listing.currency(),
        p.bucket(), p.key(), p.etag(), p.format(), value.rulesVersion());
    int size = 1 + LISTING_FIXED + stringsSize(strings) + optionalLongSize(p.line())
        + optionalLongSize(p.ingestedAtMillis());
    ByteBuffer out = ByteBuffer.allocate(size);
    out.put(FORMAT_V1);
    writeListing(out, listing, strings);
    writeString(out, strings[4]);
    writeString(out, strings[5]);
    writeString(out, strings[6]);
    writeLong(out, p.line());
    writeString(out, strings[7]);
    writeLong(out, p.ingestedAtMillis());
    writeString(out, strings[8]);
    return out.array();
  }

  static JudgedListing decodeJudged(byte[] bytes) {
    try {
      ByteBuffer in = open(bytes);
      CleanListing listing = readListing(in);
      Provenance provenance = new Provenance(
          readString(in), readString(in), readString(in), readLong(in), readString(in), readLong(in));
      JudgedListing judged = new JudgedListing(listing, provenance, readString(in));
      requireEnd(in);
      return judged;
    } catch (SerializationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SerializationException("not a cleaner listing: " + e, e);
    }
  }

  static byte[] encode(CleanListing value) {
    byte[][] strings = utf8(value.id(), value.propertyType(), value.municipality(), value.currency());
    ByteBuffer out = ByteBuffer.allocate(1 + LISTING_FIXED + stringsSize(strings));
    out.put(FORMAT_V1);
    writeListing(out, value, strings);
    return out.array();
  }

  static CleanListing decodeListing(byte[] bytes) {
    try {
      ByteBuffer in = open(bytes);
      CleanListing listing = readListing(in);
      requireEnd(in);
      return listing;
    } catch (SerializationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SerializationException("not a cleaner listing: " + e, e);
    }
  }

  /** Writes the listing; {@code strings} starts with its id, property type, municipality and currency in UTF-8. */
  private static void writeListing(ByteBuffer out, CleanListing l, byte[][] strings) {
    writeString(out, strings[0]);
    out.putLong(l.scrapingDate().toEpochDay());
    writeString(out, strings[1]);
    writeString(out, strings[2]);
    out.putDouble(l.price());
    writeString(out, strings[3]);
    out.putDouble(l.livingArea());
    out.putDouble(l.pricePerSquareMeter());
  }

  private static CleanListing readListing(ByteBuffer in) {
    return new CleanListing(readString(in), LocalDate.ofEpochDay(in.getLong()), readString(in), readString(in),
        in.getDouble(), readString(in), in.getDouble(), in.getDouble());
  }

  private static ByteBuffer open(byte[] bytes) {
    if (bytes.length == 0) {
      throw new SerializationException("not a cleaner listing: empty record");
    }
    if (bytes[0] != FORMAT_V1) {
      throw new SerializationException("unknown cleaner listing format " + bytes[0]);
    }
    return ByteBuffer.wrap(bytes, 1, bytes.length - 1);
  }

  private static void requireEnd(ByteBuffer in) {
    if (in.hasRemaining()) {
      throw new SerializationException("trailing bytes after a cleaner listing");
    }
  }

  private static byte[][] utf8(String... values) {
    byte[][] bytes = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
    }
    return bytes;
  }

  private static int stringsSize(byte[][] strings) {
    int size = 0;
    for (byte[] string : strings) {
      size += STRING_HEADER + (string == null ? 0 : string.length);
    }
    return size;
  }

  private static int optionalLongSize(Long value) {
    return value == null ? 1 : 1 + Long.BYTES;
  }

  private static void writeString(ByteBuffer out, byte[] utf8) {
    if (utf8 == null) {
      out.putInt(-1);
      return;
    }
    out.putInt(utf8.length);
    out.put(utf8);
  }

  private static String readString(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0) {
      return null;
    }
    if (length > in.remaining()) {
      throw new SerializationException("string length " + length + " exceeds the record");
    }
    String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return value;
  }

  private static void writeLong(ByteBuffer out, Long value) {
    out.put(value == null ? (byte) 0 : (byte) 1);
    if (value != null) {
      out.putLong(value);
    }
  }

  private static Long readLong(ByteBuffer in) {
    return in.get() != 0 ? in.getLong() : null;
  }
}
