package org.wkcheck.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** The {@code latest/} folder next to the runs' folders of a report kind. */
public final class LatestFolder {
  private LatestFolder() {}

  /** {@code latest} becomes a copy of the run's folder (what it held before is removed). */
  public static void replaceWith(Path runDir, Path latest) throws IOException {
    if (Files.exists(latest)) {
      try (Stream<Path> files = Files.walk(latest)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    try (Stream<Path> files = Files.walk(runDir)) {
      for (Path p : files.toList()) {
        Path to = latest.resolve(runDir.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
