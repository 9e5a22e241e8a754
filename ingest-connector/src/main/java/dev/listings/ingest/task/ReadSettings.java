package dev.listings.ingest.task;

import dev.listings.ingest.S3SourceConfig;
import dev.listings.ingest.read.SourceFormat;

/** How objects are read: the format of keys without a known extension, the CSV separator and the line cap. */
public record ReadSettings(SourceFormat defaultFormat, char csvSeparator, int lineMaxBytes) {
  public static ReadSettings of(S3SourceConfig config) {
    return new ReadSettings(config.defaultFormat(), config.csvSeparator(), config.lineMaxBytes());
  }
}
