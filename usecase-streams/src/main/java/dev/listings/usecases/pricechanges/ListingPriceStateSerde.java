package dev.listings.usecases.pricechanges;

import dev.listings.schemas.avro.PriceChange;
import dev.listings.usecases.model.AvroStoreSerde;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Store format of {@link ListingPriceState}: a format version byte, the latest price, currency and scraping date, then
 * the recent changes each as a length-prefixed Avro single-object encoding.
 */
public final class ListingPriceStateSerde implements Serde<ListingPriceState> {
  private static final byte FORMAT_V1 = 1;
  private final AvroStoreSerde<PriceChange> changes = new AvroStoreSerde<>(PriceChange.class);

  @Override
  public Serializer<ListingPriceState> serializer() {
    return (topic, state) -> state == null ? null : write(state);
  }

  @Override
  public Deserializer<ListingPriceState> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  private byte[] write(ListingPriceState state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT_V1);
      out.writeDouble(state.price());
      out.writeBoolean(state.currency() != null);
      if (state.currency() != null) {
        out.writeUTF(state.currency());
      }
      out.writeLong(state.scrapingDate().toEpochDay());
      out.writeInt(state.recentChanges().size());
      for (PriceChange change : state.recentChanges()) {
        byte[] encoded = changes.encode(change);
        out.writeInt(encoded.length);
        out.write(encoded);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private ListingPriceState read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      if (format != FORMAT_V1) {
        throw new SerializationException("unknown listing price state format " + format);
      }
      double price = in.readDouble();
      String currency = in.readBoolean() ? in.readUTF() : null;
      LocalDate date = LocalDate.ofEpochDay(in.readLong());
      int n = in.readInt();
      List<PriceChange> recent = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        byte[] encoded = new byte[in.readInt()];
        in.readFully(encoded);
        recent.add(changes.decode(encoded));
      }
      return new ListingPriceState(price, currency, date, recent);
    } catch (IOException e) {
      throw new SerializationException("cannot read listing price state", e);
    }
  }
}
