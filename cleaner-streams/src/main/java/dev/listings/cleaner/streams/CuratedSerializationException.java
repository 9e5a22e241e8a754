package dev.listings.cleaner.streams;

import org.apache.kafka.streams.errors.StreamsException;

/**
 * The curated record could not be serialized (registry unreachable, schema refused). Thrown before any state changes,
 * so the processing exception handler routes the line to the rejects as a production error and the dedupe state does
 * not remember a version that was never published.
 */
public final class CuratedSerializationException extends StreamsException {
  public CuratedSerializationException(String message, Throwable cause) {
    super(message, cause);
  }
}
