package dev.listings.local.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks the commands make on the folders and files they are given before they start anything, so that a typo or a
 * read-only location is one clear line up front rather than a stack trace after the stack has started.
 */
final class PathChecks {
  private PathChecks() {}

  /**
   * Creates {@code dir} if needed and proves it writable by creating and deleting a file in it (permission bits alone
   * say nothing for root or on a read-only file system).
   *
   * @return why the folder cannot be written, or empty when it can
   */
  static Optional<String> writableFolder(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      return Optional.of(dir + " is a file, not a folder");
    }
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".pipeline-write-check", ".tmp");
      Files.delete(probe);
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot write to " + dir + ": " + describe(e));
    }
  }

  /** The nearest ancestor of {@code path} (or itself) that is a file where a folder is needed. */
  private static Path fileInTheWay(String path) {
    for (Path p = path == null ? null : Path.of(path); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    return null;
  }

  /** A short reason for a file-system failure, without the exception class names. */
  static String describe(IOException e) {
    String on = e instanceof FileSystemException fs && fs.getFile() != null ? " (" + fs.getFile() + ")" : "";
    if (e instanceof AccessDeniedException) {
      return "permission denied" + on;
    }
    if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException
        || (e instanceof FileSystemException fs && "Not a directory".equals(fs.getReason()))) {
      Path blocking = fileInTheWay(((FileSystemException) e).getFile());
      return "a file is in the way" + (blocking != null ? " (" + blocking + ")" : on);
    }
    if (e instanceof NoSuchFileException) {
      return "no such folder" + on;
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason().toLowerCase(java.util.Locale.ROOT) + on;
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
