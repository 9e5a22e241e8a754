package dev.listings.usecases.pricepersqm;

import com.tdunning.math.stats.MergingDigest;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Store format of {@link PriceStats}: a format version byte, the exact fields, then either the kept values or the
 * t-digest in its verbose (double precision) encoding. Internal to the state store and its changelog; a new layout gets
 * a new version byte and the reader keeps reading the old ones.
 */
public final class PriceStatsSerde implements Serde<PriceStats> {
  private static final byte FORMAT_V1 = 1;
  private static final byte EXACT = 0;
  private static final byte DIGEST = 1;

  @Override
  public Serializer<PriceStats> serializer() {
    return (topic, stats) -> stats == null ? null : write(stats);
  }

  @Override
  public Deserializer<PriceStats> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(ByteBuffer.wrap(bytes));
  }

  static byte[] write(PriceStats stats) {
    MergingDigest digest = stats.digest();
    int tail = digest == null ? 4 + 8 * (int) stats.count() : digest.byteSize();
    ByteBuffer buffer = ByteBuffer.allocate(1 + 8 * 5 + 1 + tail);
    buffer.put(FORMAT_V1);
    buffer.putLong(stats.count()).putLong(stats.sumCents());
    buffer.putDouble(stats.count() == 0 ? 0 : stats.min()).putDouble(stats.count() == 0 ? 0 : stats.max());
    buffer.putLong(stats.latestTimestamp());
    if (digest == null) {
      buffer.put(EXACT).putInt((int) stats.count());
      double[] values = stats.values();
      for (int i = 0; i < stats.count(); i++) {
        buffer.putDouble(values[i]);
      }
    } else {
      buffer.put(DIGEST);
      digest.asBytes(buffer);
    }
    return buffer.array();
  }

  static PriceStats read(ByteBuffer buffer) {
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
      double[] values = new double[Math.max(8, n)];
      for (int i = 0; i < n; i++) {
        values[i] = buffer.getDouble();
      }
      return new PriceStats(count, sumCents, min, max, latestTimestamp, values, null);
    }
    return new PriceStats(count, sumCents, min, max, latestTimestamp, null, MergingDigest.fromBytes(buffer));
  }
}
