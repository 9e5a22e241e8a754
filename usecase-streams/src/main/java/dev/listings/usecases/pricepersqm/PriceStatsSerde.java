package dev.listings.usecases.pricepersqm;

import com.tdunning.math.stats.MergingDigest;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Store format of {@link PriceStats}: a format version byte, the exact fields, a mode byte, then the t-digest in its
 * verbose (double precision) encoding. Internal to the state store and its changelog; a new layout gets a new version
 * byte and the reader keeps reading the old ones. Entries written in the earlier exact mode (the group's values
 * themselves, kept while the group was small) are read by adding those values to a new digest of the configured
 * compression.
 */
public final class PriceStatsSerde implements Serde<PriceStats> {
  private static final byte FORMAT_V1 = 1;
  private static final byte EXACT = 0;
  private static final byte DIGEST = 1;

  private final double compression;

  /** A serde whose digests, when built from values of the exact mode, get this compression. */
  public PriceStatsSerde(double compression) {
    this.compression = compression;
  }

  @Override
  public Serializer<PriceStats> serializer() {
    return (topic, stats) -> stats == null ? null : write(stats);
  }

  @Override
  public Deserializer<PriceStats> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(ByteBuffer.wrap(bytes), compression);
  }

  static byte[] write(PriceStats stats) {
    MergingDigest digest = stats.digest();
    ByteBuffer buffer = ByteBuffer.allocate(1 + 8 * 5 + 1 + digest.byteSize());
    buffer.put(FORMAT_V1);
    buffer.putLong(stats.count()).putLong(stats.sumCents());
    buffer.putDouble(stats.count() == 0 ? 0 : stats.min()).putDouble(stats.count() == 0 ? 0 : stats.max());
    buffer.putLong(stats.latestTimestamp());
    buffer.put(DIGEST);
    digest.asBytes(buffer);
    return buffer.array();
  }

  static PriceStats read(ByteBuffer buffer, double compression) {
    byte format = buffer.get();
    if (format != FORMAT_V1) {
      throw new SerializationException("unknown price statistics format " + format);
    }
    long count = buffer.getLong();
    long sumCents = buffer.getLong();
    double min = buffer.getDouble();
    double max = buffer.getDouble();
    long latestTimestamp = buffer.getLong();
    byte mode = buffer.get();
    if (mode == EXACT) {
      int n = buffer.getInt();
      MergingDigest digest = new MergingDigest(compression);
      for (int i = 0; i < n; i++) {
        digest.add(buffer.getDouble());
      }
      return new PriceStats(count, sumCents, min, max, latestTimestamp, digest);
    }
    if (mode != DIGEST) {
      throw new SerializationException("unknown price statistics mode " + mode);
    }
    return new PriceStats(count, sumCents, min, max, latestTimestamp, MergingDigest.fromBytes(buffer));
  }
}
