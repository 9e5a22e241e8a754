package dev.listings.sink.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Rows of a query, each a map from column name to value in column order, and a plain-text table rendering. */
public record QueryResult(List<String> columns, List<Map<String, Object>> rows) {
  public QueryResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** The rows as an aligned text table with a header line, and the row count. */
  public String toTable() {
    List<List<String>> cells = new ArrayList<>();
    int[] widths = new int[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      widths[i] = columns.get(i).length();
    }
    for (Map<String, Object> row : rows) {
      List<String> line = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        String text = Objects.toString(row.get(columns.get(i)), "NULL");
        widths[i] = Math.max(widths[i], text.length());
        line.add(text);
      }
      cells.add(line);
    }
    StringBuilder out = new StringBuilder();
    appendLine(out, columns, widths);
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    appendLine(out, rule, widths);
    cells.forEach(line -> appendLine(out, line, widths));
    out.append('(').append(rows.size()).append(rows.size() == 1 ? " row)" : " rows)").append('\n');
    return out.toString();
  }

  private static void appendLine(StringBuilder out, List<String> cells, int[] widths) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(" | ");
      }
      out.append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length()));
    }
    out.append('\n');
  }
}
