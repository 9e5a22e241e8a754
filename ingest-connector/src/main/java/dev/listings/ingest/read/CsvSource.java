package dev.listings.ingest.read;

import java.io.IOException;
import java.util.List;

/**
 * CSV rows after the header row (which is line 1): each row becomes a JSON object keyed by the header's names. A row
 * that cannot be converted faithfully (cut to the cap, not UTF-8, unparseable, or with another number of fields than
 * the header) is sent as its own bytes with the reason, so that the cleaner rejects it rather than it being lost.
 */
public final class CsvSource implements LineSource {
  private final LineSplitter splitter;
  private final List<String> header;
  private final CsvRowConverter converter;
  private long lineNumber;

  /** Rows from the splitter's position on, numbered from {@code lastLine + 1} (the header is line 1). */
  public CsvSource(LineSplitter splitter, List<String> header, long lastLine, CsvRowConverter converter) {
    this.splitter = splitter;
    this.header = header;
    this.converter = converter;
    this.lineNumber = Math.max(lastLine, 1);
  }

  /**
   * Reads the header row: its field names ({@code null} when the object is empty). A header that is cut, not UTF-8,
   * or unparseable makes the object unreadable: without names no row can be converted.
   */
  public static List<String> readHeader(LineSplitter splitter, CsvRowConverter converter) throws IOException {
    LineSplitter.Line line = splitter.next();
    if (line == null) {
      return null;
    }
    if (line.truncated()) {
      throw new UnreadableObjectException("the CSV header row is longer than the line cap");
    }
    if (!Utf8.isValid(line.bytes(), false)) {
      throw new UnreadableObjectException("the CSV header row is not valid UTF-8");
    }
    List<String> names;
    try {
      names = converter.fields(line.bytes());
    } catch (IOException e) {
      throw new UnreadableObjectException("the CSV header row cannot be parsed: " + e.getMessage(), e);
    }
    if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
      names.set(0, names.get(0).substring(1)); // a byte order mark is not part of the first column's name
    }
    return List.copyOf(names);
  }

  @Override
  public SourceLine next() throws IOException {
    LineSplitter.Line row = splitter.next();
    if (row == null) {
      return null;
    }
    lineNumber++;
    byte[] bytes = row.bytes();
    if (row.truncated()) {
      boolean invalid = !Utf8.isValid(bytes, true);
      return raw(row, invalid, "row longer than the line cap");
    }
    if (!Utf8.isValid(bytes, false)) {
      return raw(row, true, "row is not valid UTF-8");
    }
    List<String> fields;
    try {
      fields = converter.fields(bytes);
    } catch (IOException e) {
      return raw(row, false, "unparseable CSV row: " + e.getMessage());
    }
    if (fields.size() != header.size()) {
      return raw(row, false, "row has " + fields.size() + " fields, the header " + header.size());
    }
    return new SourceLine(converter.toJson(header, fields), lineNumber, row.end(), false, false, null);
  }

  private SourceLine raw(LineSplitter.Line row, boolean invalidUtf8, String reason) {
    return new SourceLine(row.bytes(), lineNumber, row.end(), row.truncated(), invalidUtf8, reason);
  }
}
