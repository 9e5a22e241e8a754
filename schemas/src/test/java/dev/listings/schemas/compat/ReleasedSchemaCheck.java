package dev.listings.schemas.compat;

import dev.listings.schemas.registry.CompatibilityLevel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * Checks every schema under an Avro source folder against its released versions, kept as
 * {@code <released>/<SchemaName>/v<N>.avsc}: each schema must have at least one release and must be compatible, at the
 * given level, with every released version (transitively, since consumers may hold data of any of them).
 */
final class ReleasedSchemaCheck {
  private static final Pattern VERSION_FILE = Pattern.compile("v(\\d+)\\.avsc");

  private ReleasedSchemaCheck() {}

  /** Every violation found, one line each; empty when all schemas may be released as they are. */
  static List<String> violations(Path avroSources, Path releasedRoot, CompatibilityLevel level) {
    List<String> problems = new ArrayList<>();
    for (Path source : avscFiles(avroSources)) {
      Schema current = parse(source);
      Path releases = releasedRoot.resolve(current.getName());
      List<Path> versions = releasedVersions(releases);
      if (versions.isEmpty()) {
        problems.add(current.getName() + " (" + source.getFileName() + ") has no released version under "
            + releases + ": copy it there as v1.avsc");
        continue;
      }
      for (Path released : versions) {
        // Each released version is checked on its own, so the message names the version that breaks.
        level.incompatibilities(current, List.of(parse(released))).forEach(problem -> problems.add(
            current.getName() + " is not " + level + " compatible with released " + releases.getFileName() + "/"
                + released.getFileName() + ": " + problem));
      }
    }
    return problems;
  }

  static List<Path> releasedVersions(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> VERSION_FILE.matcher(f.getFileName().toString()).matches())
          .sorted(Comparator.comparingInt(ReleasedSchemaCheck::versionOf))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int versionOf(Path file) {
    Matcher matcher = VERSION_FILE.matcher(file.getFileName().toString());
    matcher.matches();
    return Integer.parseInt(matcher.group(1));
  }

  private static List<Path> avscFiles(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema parse(Path file) {
    try {
      return new Schema.Parser().setValidateDefaults(true).parse(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
