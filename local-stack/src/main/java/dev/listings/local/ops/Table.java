package dev.listings.local.ops;

import java.util.ArrayList;
import java.util.List;

/** Plain-text tables with left-aligned columns, for terminal output. */
public final class Table {
  private Table() {}

  public static String render(List<String> header, List<List<String>> rows, String indent) {
    int[] widths = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < widths.length && i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i) == null ? 0 : row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int r = 0; r < all.size(); r++) {
      List<String> row = all.get(r);
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < widths.length; i++) {
        String cell = i < row.size() && row.get(i) != null ? row.get(i) : "";
        line.append(cell);
        if (i < widths.length - 1) {
          line.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      out.append(line.toString().stripTrailing());
      if (r < all.size() - 1) {
        out.append(System.lineSeparator());
      }
    }
    return out.toString();
  }
}
