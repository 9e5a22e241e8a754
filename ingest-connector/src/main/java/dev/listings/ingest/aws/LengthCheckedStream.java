package dev.listings.ingest.aws;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails when a download ends before its announced length, so that a cut connection is retried, never taken for EOF. */
final class LengthCheckedStream extends FilterInputStream {
  private final long expected;
  private long read;

  LengthCheckedStream(InputStream in, long expected) {
    super(in);
    this.expected = expected;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      checkComplete();
    } else {
      read++;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int off, int len) throws IOException {
    int n = super.read(buffer, off, len);
    if (n < 0) {
      checkComplete();
    } else {
      read += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    read += skipped;
    return skipped;
  }

  private void checkComplete() throws IOException {
    if (expected >= 0 && read < expected) {
      throw new IOException("Download ended after " + read + " of " + expected + " bytes");
    }
  }
}
