package org.wkcheck.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.wkcheck.target.TargetWorld;
import picocli.CommandLine.Option;

/** {@code --world FILE}: what a run may use on the target (webKnossos' test database without). */
final class WorldOption {
  @Option(names = "--world", paramLabel = "FILE")
  Path file;

  /** The world the flag names, or the default one. */
  TargetWorld read() {
    try {
      return file == null ? TargetWorld.defaults() : TargetWorld.read(file);
    } catch (IOException e) {
      throw new Usage("cannot read --world " + file + ": " + e.getMessage());
    }
  }

  /** The file, absolute, or null for the default world. */
  Path absolute() {
    return file == null ? null : file.toAbsolutePath();
  }
}
