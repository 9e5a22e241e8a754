package dev.listings.ingest.aws;

import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * A download in progress: its stored bytes from the requested position on (checked against the announced length,
 * so an early end is an error, not a short object), the object's content encoding and total stored size.
 */
public final class OpenedObject implements AutoCloseable {
  private final ResponseInputStream<?> response;
  private final InputStream body;
  private final String contentEncoding;
  private final long totalSize;

  OpenedObject(ResponseInputStream<?> response, long expectedBytes, String contentEncoding, long totalSize) {
    this.response = response;
    this.body = response == null ? InputStream.nullInputStream() : new LengthCheckedStream(response, expectedBytes);
    this.contentEncoding = contentEncoding;
    this.totalSize = totalSize;
  }

  /** Nothing left to read: the requested position is the object's end. */
  static OpenedObject atEnd(long totalSize) {
    return new OpenedObject(null, 0, null, totalSize);
  }

  public InputStream body() {
    return body;
  }

  public String contentEncoding() {
    return contentEncoding;
  }

  public long totalSize() {
    return totalSize;
  }

  /** Stops the download without reading the rest (closing alone could drain a large object). */
  @Override
  public void close() {
    if (response != null) {
      response.abort();
      try {
        response.close();
      } catch (IOException | RuntimeException ignored) {
        // aborted: nothing left to release
      }
    }
  }
}
