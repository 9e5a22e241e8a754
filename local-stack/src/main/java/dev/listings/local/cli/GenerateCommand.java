package dev.listings.local.cli;

import dev.listings.local.generate.ListingGenerator;
import dev.listings.local.run.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./pipeline generate}: synthetic, messy, reproducible listings for demos and benchmarks. */
@Command(
    name = "generate",
    header = "Synthetic, messy, reproducible listings for demos and benchmarks.",
    mixinStandardHelpOptions = true,
    description = {
      "Writes synthetic listings shaped like the scrapers' output: human price formats and currencies, areas with",
      "units, several date formats, exact re-scrapes (duplicates), re-scrapes with changed prices, broken lines.",
      "The same --seed always gives the same file. A name ending in .gz is gzip-compressed."
    })
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--lines", required = true, description = "Number of lines to write.")
  long lines;

  @Option(names = "--out", required = true, description = "Output file (FILE.jsonl or FILE.jsonl.gz).")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (lines < 1) {
      throw new ParameterException(spec.commandLine(), "--lines must be at least 1 (got " + lines + ")");
    }
    if (Files.isDirectory(out)) {
      spec.commandLine().getErr().println("pipeline generate: --out " + out + " is a folder; name the file to write");
      return 2;
    }
    Progress progress = new Progress(System.out);
    long started = System.currentTimeMillis();
    try {
      ListingGenerator.writeFile(
          out,
          lines,
          seed,
          written ->
              progress.update(
                  String.format(Locale.ROOT, "generated %,d / %,d lines", written, lines)));
    } catch (IOException e) {
      spec.commandLine().getErr().println("pipeline generate: cannot write " + out + ": " + PathChecks.describe(e));
      return 1;
    }
    progress.done(
        String.format(
            Locale.ROOT,
            "Wrote %,d lines to %s in %.1f s (seed %d)",
            lines,
            out,
            (System.currentTimeMillis() - started) / 1000.0,
            seed));
    return 0;
  }
}
