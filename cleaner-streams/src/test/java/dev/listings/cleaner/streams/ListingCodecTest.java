package dev.listings.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.cleaner.rules.CleanListing;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * The internal encoding of the repartition topic and the dedupe store is format 1 byte for byte (records written by a
 * running version must read in the next one), round-trips every field including nulls and non-ASCII text, and refuses
 * bytes that are not a listing.
 */
class ListingCodecTest {
  private static final CleanListing LISTING = new CleanListing("0000a4fb", LocalDate.of(2021, 2, 17), "apartment",
      "Pont-de-la-Morge (Sion) – Zürich", 530_000, "EUR", 84, 6_309.52);
  private static final CleanListing SPARSE =
      new CleanListing("x", LocalDate.of(1999, 12, 31), "house", null, 1.5, null, 10, 0.15);
  private static final Provenance PROVENANCE =
      new Provenance("landing", "2026/01/05/a.jsonl", "9b2c", 12L, "jsonl", 1_767_600_000_000L);

  @Test
  void writesFormatOneByteForByte() throws IOException {
    JudgedListing judged = new JudgedListing(LISTING, PROVENANCE, "default-ebe581f7");
    JudgedListing sparse = new JudgedListing(SPARSE, Provenance.UNKNOWN, null);

    assertThat(ListingCodec.encode(judged)).isEqualTo(formatOne(judged));
    assertThat(ListingCodec.encode(sparse)).isEqualTo(formatOne(sparse));
    assertThat(ListingCodec.encode(LISTING)).isEqualTo(formatOne(LISTING));
    assertThat(ListingCodec.encode(SPARSE)).isEqualTo(formatOne(SPARSE));
  }

  @Test
  void readsBackEveryField() throws IOException {
    JudgedListing judged = new JudgedListing(LISTING, PROVENANCE, "default-ebe581f7");
    JudgedListing sparse = new JudgedListing(SPARSE, Provenance.UNKNOWN, null);

    assertThat(ListingCodec.decodeJudged(formatOne(judged))).isEqualTo(judged);
    assertThat(ListingCodec.decodeJudged(ListingCodec.encode(sparse))).isEqualTo(sparse);
    assertThat(ListingCodec.decodeListing(formatOne(LISTING))).isEqualTo(LISTING);
    assertThat(ListingCodec.decodeListing(ListingCodec.encode(SPARSE))).isEqualTo(SPARSE);
  }

  @Test
  void refusesWhatIsNotAListing() {
    byte[] good = ListingCodec.encode(new JudgedListing(LISTING, PROVENANCE, "v"));
    byte[] otherFormat = good.clone();
    otherFormat[0] = 2;
    byte[] longer = Arrays.copyOf(good, good.length + 1);
    byte[] nullId = ListingCodec.encode(LISTING);
    Arrays.fill(nullId, 1, 5, (byte) 0xFF);

    assertThatThrownBy(() -> ListingCodec.decodeJudged(new byte[0])).isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> ListingCodec.decodeJudged(otherFormat))
        .isInstanceOf(SerializationException.class).hasMessageContaining("unknown cleaner listing format 2");
    assertThatThrownBy(() -> ListingCodec.decodeJudged(Arrays.copyOf(good, good.length - 3)))
        .isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> ListingCodec.decodeJudged(longer))
        .isInstanceOf(SerializationException.class).hasMessageContaining("trailing bytes");
    assertThatThrownBy(() -> ListingCodec.decodeListing(nullId)).isInstanceOf(SerializationException.class);
    assertThatThrownBy(() -> ListingCodec.decodeListing("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class);
  }

  /** Format 1 as first defined: written field by field with a DataOutputStream. */
  private static byte[] formatOne(JudgedListing value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(1);
    listing(out, value.listing());
    Provenance p = value.provenance();
    string(out, p.bucket());
    string(out, p.key());
    string(out, p.etag());
    optionalLong(out, p.line());
    string(out, p.format());
    optionalLong(out, p.ingestedAtMillis());
    string(out, value.rulesVersion());
    return bytes.toByteArray();
  }

  private static byte[] formatOne(CleanListing value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(1);
    listing(out, value);
    return bytes.toByteArray();
  }

  private static void listing(DataOutputStream out, CleanListing l) throws IOException {
    string(out, l.id());
    out.writeLong(l.scrapingDate().toEpochDay());
    string(out, l.propertyType());
    string(out, l.municipality());
    out.writeDouble(l.price());
    string(out, l.currency());
    out.writeDouble(l.livingArea());
    out.writeDouble(l.pricePerSquareMeter());
  }

  private static void string(DataOutputStream out, String value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static void optionalLong(DataOutputStream out, Long value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeLong(value);
    }
  }
}
