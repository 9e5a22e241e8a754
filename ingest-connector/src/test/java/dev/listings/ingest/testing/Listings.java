package dev.listings.ingest.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;

/** Generated listings in the scrapers' JSON lines shape, line {@code n} always the same text. */
public final class Listings {
  private Listings() {}

  public static String line(long n) {
    return "{\"id\":\"" + Long.toHexString(0x10000000L + n) + "\",\"raw_price\":\"" + (300 + n % 997)
        + " 000€/mo.\",\"living_area\":" + (30 + n % 170) + ".0,\"property_type\":\""
        + (n % 3 == 0 ? "house" : "apartment") + "\",\"municipality\":\"Town " + (n % 113)
        + "\",\"scraping_date\":\"2022-" + String.format("%02d", 1 + n % 12) + "-17\",\"line\":" + n + "}";
  }

  /** Writes lines 1 to {@code count}, each followed by a line feed. */
  public static void write(OutputStream out, long count) throws IOException {
    for (long n = 1; n <= count; n++) {
      out.write(line(n).getBytes(UTF_8));
      out.write('\n');
    }
  }

  public static byte[] bytes(long count) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      write(out, count);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
