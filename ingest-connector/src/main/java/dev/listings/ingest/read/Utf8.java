package dev.listings.ingest.read;

/** Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). */
public final class Utf8 {
  private Utf8() {}

  /**
   * Whether {@code bytes} are valid UTF-8. With {@code cutAtEnd} a character left incomplete at the very end is
   * accepted, because a line cut to the cap may end inside one.
   */
  public static boolean isValid(byte[] bytes, boolean cutAtEnd) {
    int i = 0;
    int n = bytes.length;
    while (i < n) {
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      b &= 0xFF;
      int length;
      int min2 = 0x80;
      int max2 = 0xBF;
      if (b >= 0xC2 && b <= 0xDF) {
        length = 2;
      } else if (b >= 0xE0 && b <= 0xEF) {
        length = 3;
        if (b == 0xE0) {
          min2 = 0xA0;
        } else if (b == 0xED) {
          max2 = 0x9F;
        }
      } else if (b >= 0xF0 && b <= 0xF4) {
        length = 4;
        if (b == 0xF0) {
          min2 = 0x90;
        } else if (b == 0xF4) {
          max2 = 0x8F;
        }
      } else {
        return false;
      }
      for (int k = 1; k < length; k++) {
        if (i + k >= n) {
          return cutAtEnd;
        }
        int c = bytes[i + k] & 0xFF;
        int lo = k == 1 ? min2 : 0x80;
        int hi = k == 1 ? max2 : 0xBF;
        if (c < lo || c > hi) {
          return false;
        }
      }
      i += length;
    }
    return true;
  }
}
