package dev.listings.usecases.activity;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The earliest scraping date seen for a listing id, and the municipality of that version. */
public record FirstSeen(LocalDate date, String municipality) {

  public ActivityKey activityKey() {
    return new ActivityKey(municipality, date);
  }

  /** Store format: a format version byte, the epoch day, the municipality. */
  public static final class StoreSerde implements Serde<FirstSeen> {
    private static final byte FORMAT_V1 = 1;

    @Override
    public Serializer<FirstSeen> serializer() {
      return (topic, seen) -> {
        if (seen == null) {
          return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
          out.writeByte(FORMAT_V1);
          out.writeLong(seen.date().toEpochDay());
          out.writeUTF(seen.municipality());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
      };
    }

    @Override
    public Deserializer<FirstSeen> deserializer() {
      return (topic, bytes) -> {
        if (bytes == null) {
          return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
          byte format = in.readByte();
          if (format != FORMAT_V1) {
            throw new SerializationException("unknown first-seen format " + format);
          }
          return new FirstSeen(LocalDate.ofEpochDay(in.readLong()), in.readUTF());
        } catch (IOException e) {
          throw new SerializationException("cannot read first-seen state", e);
        }
      };
    }
  }
}
