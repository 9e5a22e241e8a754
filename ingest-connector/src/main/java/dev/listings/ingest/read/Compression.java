package dev.listings.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/** How an object's bytes are stored: as they are, or gzip-compressed (told by a {@code .gz} key or the encoding). */
public enum Compression {
  NONE,
  GZIP;

  private static final String GZ = ".gz";
  private static final int INFLATE_BUFFER = 64 * 1024;

  public static Compression of(String key, String contentEncoding) {
    if (key.toLowerCase(Locale.ROOT).endsWith(GZ)) {
      return GZIP;
    }
    return isGzipEncoding(contentEncoding) ? GZIP : NONE;
  }

  public static boolean isGzipEncoding(String contentEncoding) {
    return contentEncoding != null && contentEncoding.toLowerCase(Locale.ROOT).contains("gzip");
  }

  static String withoutGzipExtension(String key) {
    return key.toLowerCase(Locale.ROOT).endsWith(GZ) ? key.substring(0, key.length() - GZ.length()) : key;
  }

  /**
   * The object's content as text bytes. Gzip damage (bad header, bad data, a stream ending inside a member) surfaces
   * as {@link UnreadableObjectException}, while plain I/O errors of the stored stream stay retryable.
   */
  public InputStream decode(InputStream stored) throws IOException {
    if (this == NONE) {
      return stored;
    }
    try {
      return new GzipContent(new GZIPInputStream(stored, INFLATE_BUFFER));
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new UnreadableObjectException("not a readable gzip stream: " + e.getMessage(), e);
    }
  }
}
