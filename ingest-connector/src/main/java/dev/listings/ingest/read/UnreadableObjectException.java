package dev.listings.ingest.read;

import java.io.IOException;

/**
 * The object cannot be read (further), and reading it again would not help: it was deleted or replaced since it was
 * discovered, its gzip data is damaged, or its CSV header cannot be read. The object is closed with a failed audit
 * event that carries this message; the lines already sent stay sent.
 */
public class UnreadableObjectException extends IOException {
  public UnreadableObjectException(String message) {
    super(message);
  }

  public UnreadableObjectException(String message, Throwable cause) {
    super(message, cause);
  }
}
