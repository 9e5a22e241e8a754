package dev.listings.ingest.read;

import java.io.IOException;

/** JSON lines: each line is sent as it is, flagged when cut to the cap or not valid UTF-8. */
public final class JsonlSource implements LineSource {
  private final LineSplitter splitter;
  private long lineNumber;

  /** Lines from the splitter's position on, numbered from {@code lastLine + 1}. */
  public JsonlSource(LineSplitter splitter, long lastLine) {
    this.splitter = splitter;
    this.lineNumber = lastLine;
  }

  @Override
  public SourceLine next() throws IOException {
    LineSplitter.Line line = splitter.next();
    if (line == null) {
      return null;
    }
    lineNumber++;
    boolean invalid = !Utf8.isValid(line.bytes(), line.truncated());
    return new SourceLine(line.bytes(), lineNumber, line.end(), line.truncated(), invalid, null);
  }
}
