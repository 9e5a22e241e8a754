package dev.listings.sink.schema;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;

/**
 * Builds an Iceberg partition spec from terms written as in Iceberg's SQL DDL: a column name (identity), {@code
 * year(col)}, {@code month(col)}, {@code day(col)}, {@code hour(col)}, {@code bucket(N, col)} or {@code truncate(W,
 * col)}. Configuration stays plain text and reads like the {@code PARTITIONED BY} clause Athena shows.
 */
public final class PartitionSpecs {
  private static final Pattern TIME =
      Pattern.compile("(year|month|day|hour)\\s*\\(\\s*(\\w+)\\s*\\)", Pattern.CASE_INSENSITIVE);
  private static final Pattern WIDTH = Pattern.compile("(bucket|truncate)\\s*\\(\\s*(\\d+)\\s*,\\s*(\\w+)\\s*\\)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern IDENTITY = Pattern.compile("(?:identity\\s*\\(\\s*(\\w+)\\s*\\)|(\\w+))",
      Pattern.CASE_INSENSITIVE);

  private PartitionSpecs() {}

  public static PartitionSpec parse(Schema schema, List<String> terms) {
    PartitionSpec.Builder builder = PartitionSpec.builderFor(schema);
    for (String raw : terms) {
      String term = raw.trim();
      try {
        add(builder, term);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Cannot partition by '" + raw + "': " + e.getMessage(), e);
      }
    }
    return builder.build();
  }

  private static void add(PartitionSpec.Builder builder, String term) {
    Matcher time = TIME.matcher(term);
    if (time.matches()) {
      String column = time.group(2);
      switch (time.group(1).toLowerCase(Locale.ROOT)) {
        case "year" -> builder.year(column);
        case "month" -> builder.month(column);
        case "day" -> builder.day(column);
        default -> builder.hour(column);
      }
      return;
    }
    Matcher width = WIDTH.matcher(term);
    if (width.matches()) {
      int n = Integer.parseInt(width.group(2));
      if (width.group(1).equalsIgnoreCase("bucket")) {
        builder.bucket(width.group(3), n);
      } else {
        builder.truncate(width.group(3), n);
      }
      return;
    }
    Matcher identity = IDENTITY.matcher(term);
    if (identity.matches()) {
      builder.identity(identity.group(1) != null ? identity.group(1) : identity.group(2));
      return;
    }
    throw new IllegalArgumentException("expected a column, year|month|day|hour(col), bucket(N, col) or "
        + "truncate(W, col)");
  }
}
