package org.wkcheck.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --out DIR}: where a command writes its reports, {@code reports/<command>} by default: a
 * folder per run and a copy of the last one in {@code latest}.
 */
final class ReportsOption {
  @Option(names = "--out", paramLabel = "DIR", defaultValue = "reports/${COMMAND-NAME}")
  Path folder;

  /** The folder of the run {@code runId}. */
  Path run(String runId) {
    return folder.resolve(runId);
  }

  /** The folder that holds the last run's reports. */
  Path latest() {
    return folder.resolve("latest");
  }
}
