package dev.listings.ingest.task;

import dev.listings.ingest.aws.OpenedObject;
import dev.listings.ingest.aws.S3ObjectStore;
import dev.listings.ingest.discovery.S3ObjectRef;
import dev.listings.ingest.read.Compression;
import dev.listings.ingest.read.CsvRowConverter;
import dev.listings.ingest.read.CsvSource;
import dev.listings.ingest.read.JsonlSource;
import dev.listings.ingest.read.LineSource;
import dev.listings.ingest.read.LineSplitter;
import dev.listings.ingest.read.SourceFormat;
import dev.listings.ingest.read.SourceLine;
import dev.listings.ingest.read.UnreadableObjectException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Reads the lines of one object version from a given line and position on. A plain object is resumed with a ranged
 * GET at the byte position; a gzip object is read again from its start and the decompressed bytes before the position
 * are skipped (gzip cannot be entered in the middle). A CSV object's header row is read from the start either way.
 * After an I/O error, {@link #reopenAt} drops the download and the next line comes from a fresh one.
 */
final class ObjectCursor implements AutoCloseable {
  private final S3ObjectStore store;
  private final ReadSettings settings;
  private final SourceFormat format;
  private final CsvRowConverter csv;
  private S3ObjectRef ref;
  private Compression compression;
  private List<String> header;
  private OpenedObject download;
  private LineSource source;
  private long line;
  private long position;

  ObjectCursor(S3ObjectStore store, S3ObjectRef ref, ReadSettings settings, long line, long position) {
    this.store = store;
    this.ref = ref;
    this.settings = settings;
    this.format = SourceFormat.ofKey(ref.key(), settings.defaultFormat());
    this.csv = format == SourceFormat.CSV ? new CsvRowConverter(settings.csvSeparator()) : null;
    this.line = line;
    this.position = position;
    if (Compression.of(ref.key(), null) == Compression.GZIP) {
      compression = Compression.GZIP;
    }
  }

  SourceFormat format() {
    return format;
  }

  /** The object's stored size, once a download told it; {@code -1} before. */
  long size() {
    return ref.size();
  }

  /** The next line, or {@code null} when the object has no more. */
  SourceLine next() throws IOException {
    if (source == null) {
      open();
    }
    SourceLine next = source.next();
    if (next == null) {
      closeDownload();
      source = LineSourceAtEnd.INSTANCE;
      return null;
    }
    line = next.line();
    position = next.end();
    return next;
  }

  /** Continue after {@code lastLine}, which ends at {@code endPosition}, from a fresh download. */
  void reopenAt(long lastLine, long endPosition) {
    closeDownload();
    source = null;
    line = lastLine;
    position = endPosition;
  }

  private void open() throws IOException {
    if (compression == null && position == 0) {
      download = store.open(ref, 0);
      learnSize(download);
      compression = Compression.isGzipEncoding(download.contentEncoding()) ? Compression.GZIP : Compression.NONE;
    } else if (compression == null) {
      // Resuming: the position only means stored bytes if the content is not gzip-encoded.
      HeadObjectResponse head = store.describe(ref);
      compression = Compression.isGzipEncoding(head.contentEncoding()) ? Compression.GZIP : Compression.NONE;
      if (ref.size() < 0 && head.contentLength() != null) {
        ref = ref.withSize(head.contentLength());
      }
    }
    if (compression == Compression.GZIP) {
      openGzip();
    } else {
      openPlain();
    }
  }

  private void openGzip() throws IOException {
    if (download == null) {
      download = store.open(ref, 0);
      learnSize(download);
    }
    LineSplitter splitter = split(compression.decode(download.body()), 0);
    if (format == SourceFormat.CSV) {
      header = CsvSource.readHeader(splitter, csv);
    }
    if (position > splitter.position()) {
      try {
        splitter.skipTo(position);
      } catch (EOFException e) {
        throw new UnreadableObjectException(
            "the stored offset " + position + " lies beyond the decompressed content", e);
      }
    }
    source = sourceOf(splitter);
  }

  private void openPlain() throws IOException {
    if (format == SourceFormat.CSV && position > 0 && header == null) {
      try (OpenedObject start = store.open(ref, 0)) {
        header = CsvSource.readHeader(split(start.body(), 0), csv);
      }
    }
    if (download == null) {
      download = store.open(ref, position);
      learnSize(download);
    }
    LineSplitter splitter = split(download.body(), position);
    if (format == SourceFormat.CSV && position == 0) {
      header = CsvSource.readHeader(splitter, csv);
    }
    source = sourceOf(splitter);
  }

  private LineSource sourceOf(LineSplitter splitter) {
    if (format == SourceFormat.JSONL) {
      return new JsonlSource(splitter, line);
    }
    return header == null ? LineSourceAtEnd.INSTANCE : new CsvSource(splitter, header, line, csv);
  }

  private LineSplitter split(InputStream content, long from) {
    return format == SourceFormat.CSV
        ? LineSplitter.csvRows(content, from, settings.lineMaxBytes(), settings.csvSeparator())
        : LineSplitter.lines(content, from, settings.lineMaxBytes());
  }

  private void learnSize(OpenedObject opened) {
    if (ref.size() < 0 && opened.totalSize() >= 0) {
      ref = ref.withSize(opened.totalSize());
    }
  }

  private void closeDownload() {
    if (download != null) {
      download.close();
      download = null;
    }
  }

  @Override
  public void close() {
    closeDownload();
  }

  /** The source of an object with nothing (more) to read. */
  private enum LineSourceAtEnd implements LineSource {
    INSTANCE;

    @Override
    public SourceLine next() {
      return null;
    }
  }
}
