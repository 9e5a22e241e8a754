package dev.listings.local.cli;

import dev.listings.local.run.RunOutputs;
import dev.listings.local.stack.LocalStack;
import dev.listings.local.stack.UseCases;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.avro.generic.GenericRecord;

/** The human part of the demo's summary: top use-case results and where the tables are. */
final class DemoReport {
  private static final int TOP = 5;

  private DemoReport() {}

  static void printUseCases(RunOutputs outputs, PrintStream out) {
    List<GenericRecord> stats = outputs.results(UseCases.outputs().get("price_per_sqm"));
    out.printf(Locale.ROOT, "%nPrice per m², the %d busiest municipality × type × month groups (of %d):%n", TOP,
        stats.size());
    out.printf(Locale.ROOT, "  %-28s %-10s %-8s %6s %10s %10s%n", "municipality", "type", "month", "count", "mean",
        "median");
    stats.stream()
        .sorted(Comparator.comparingLong((GenericRecord r) -> (Long) r.get("count")).reversed()
            .thenComparing(r -> r.get("municipality").toString()))
        .limit(TOP)
        .forEach(r -> out.printf(Locale.ROOT, "  %-28s %-10s %-8s %6d %10.2f %10.2f%n",
            r.get("municipality"), r.get("property_type"), r.get("month"), (Long) r.get("count"),
            (Double) r.get("mean"), (Double) r.get("median")));
  }

  static void printTables(LocalStack stack, PrintStream out) {
    out.printf("%nIceberg tables in %s (catalog %s):%n", stack.endpoints().warehouse(),
        stack.endpoints().catalogUri());
    for (String table : stack.sink().tableNames()) {
      out.println("  " + table);
    }
    out.println("Query them with: ./pipeline sql \"SELECT * FROM listings_curated LIMIT 5\""
        + " --state-dir " + stack.options().stateDir());
  }
}
