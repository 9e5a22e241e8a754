package dev.listings.usecases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * State directories for test drivers. Kafka Streams fsyncs a checkpoint per store on every commit, and the
 * TopologyTestDriver commits after every record, so on a disk thousands of records take minutes; in memory-backed
 * {@code /dev/shm}, where there is one, they take seconds.
 */
public final class StateDirs {
  private static final Path SHARED_MEMORY = Path.of("/dev/shm");

  private StateDirs() {}

  public static Path create() {
    try {
      return Files.isDirectory(SHARED_MEMORY) && Files.isWritable(SHARED_MEMORY)
          ? Files.createTempDirectory(SHARED_MEMORY, "usecases-test-")
          : Files.createTempDirectory("usecases-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
