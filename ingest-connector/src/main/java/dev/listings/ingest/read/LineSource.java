package dev.listings.ingest.read;

import java.io.IOException;

/** The lines of one object in one format, read in order from a stream. */
public interface LineSource {
  /** The next line, or {@code null} when the object has no more. */
  SourceLine next() throws IOException;
}
