package dev.listings.ingest.read;

/**
 * One line (JSONL) or row (CSV) ready to become a raw record: the value bytes, its 1-based number in the object, and
 * the stream position just after it (where reading resumes). {@code unconverted} says why a CSV row is sent as its
 * own bytes rather than as a JSON object; it is {@code null} for JSON lines and converted rows.
 */
public record SourceLine(
    byte[] value, long line, long end, boolean truncated, boolean invalidUtf8, String unconverted) {}
