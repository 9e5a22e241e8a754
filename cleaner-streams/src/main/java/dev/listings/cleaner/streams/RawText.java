package dev.listings.cleaner.streams;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Turns a line's bytes into text for a reject record, decoding no more than the record can keep. */
final class RawText {
  private RawText() {}

  /**
   * The bytes as UTF-8 text (invalid sequences replaced), decoded only up to what {@code maxChars} characters can
   * need, so a huge line costs no more than a capped one; the caller's cap then flags the cut.
   */
  static String of(byte[] bytes, int maxChars) {
    if (bytes == null) {
      return null;
    }
    long enough = 4L * maxChars + 4;
    byte[] head = bytes.length > enough ? Arrays.copyOf(bytes, (int) enough) : bytes;
    return new String(head, StandardCharsets.UTF_8);
  }
}
