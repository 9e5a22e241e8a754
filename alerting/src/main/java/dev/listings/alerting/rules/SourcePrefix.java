package dev.listings.alerting.rules;

/**
 * Groups source objects by bucket and the first N folders of their key: with N = 1, {@code s3://landing/partner-a/2026/
 * 01/a.jsonl} belongs to {@code landing/partner-a}; with N = 0 to {@code landing}. The file name never counts as a
 * folder. Objects without provenance fall in {@link #UNKNOWN}.
 */
final class SourcePrefix {
  static final String UNKNOWN = "unknown";

  private SourcePrefix() {}

  static String of(String bucket, String key, int segments) {
    if (bucket == null || bucket.isBlank()) {
      return UNKNOWN;
    }
    StringBuilder prefix = new StringBuilder(bucket);
    if (key == null || segments <= 0) {
      return prefix.toString();
    }
    int folderEnd = key.lastIndexOf('/');
    if (folderEnd <= 0) {
      return prefix.toString();
    }
    int taken = 0;
    int start = 0;
    while (taken < segments && start < folderEnd) {
      int end = key.indexOf('/', start);
      if (end > start) {
        prefix.append('/').append(key, start, end);
        taken++;
      }
      start = end + 1;
    }
    return prefix.toString();
  }
}
