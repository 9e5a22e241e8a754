package dev.listings.local.run;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV rows: fields with a comma, quote or line break are quoted, quotes doubled. */
final class Csv {
  private Csv() {}

  static String row(List<String> fields) {
    return fields.stream().map(Csv::field).collect(Collectors.joining(","));
  }

  static String field(String value) {
    if (value == null) {
      return "";
    }
    boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0;
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }
}
