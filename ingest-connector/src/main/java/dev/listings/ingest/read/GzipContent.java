package dev.listings.ingest.read;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * Decompressed content that reports damaged gzip data as {@link UnreadableObjectException}: reading it again would
 * fail the same way, so it is a property of the object, not a transient error. The stored stream below checks its own
 * length, so an early end of the download never reaches the inflater as a truncated member.
 */
final class GzipContent extends FilterInputStream {
  GzipContent(InputStream gunzip) {
    super(gunzip);
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (ZipException | EOFException e) {
      throw damaged(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return super.read(b, off, len);
    } catch (ZipException | EOFException e) {
      throw damaged(e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return super.skip(n);
    } catch (ZipException | EOFException e) {
      throw damaged(e);
    }
  }

  private static UnreadableObjectException damaged(IOException e) {
    return new UnreadableObjectException("damaged gzip data: " + e.getMessage(), e);
  }
}
