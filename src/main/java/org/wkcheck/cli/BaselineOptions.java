package org.wkcheck.cli;

import java.nio.file.Path;
import org.wkcheck.load.baseline.Baseline;
import org.wkcheck.load.baseline.BaselineException;
import picocli.CommandLine.Option;

/** {@code --baseline DIR [--fail-on-regression PCT]} of {@code load} and {@code capacity}. */
final class BaselineOptions {
  @Option(names = "--baseline", paramLabel = "DIR")
  Path baseline;

  @Option(names = "--fail-on-regression", paramLabel = "PCT")
  Double failOnRegression;

  /** The baseline asked for, read before anything runs; null without --baseline. */
  Baseline read(Baseline.Kind kind, String simulation) {
    if (failOnRegression != null && (!(failOnRegression >= 0) || failOnRegression.isInfinite())) {
      throw new Usage("--fail-on-regression must be a percentage of 0 or more");
    }
    if (baseline == null) {
      if (failOnRegression != null) {
        throw new Usage("--fail-on-regression needs --baseline DIR");
      }
      return null;
    }
    try {
      return Baseline.read(baseline, kind, simulation);
    } catch (BaselineException e) {
      throw new Usage("--baseline: " + e.getMessage());
    }
  }
}
