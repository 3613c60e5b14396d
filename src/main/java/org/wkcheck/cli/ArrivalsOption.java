package org.wkcheck.cli;

import picocli.CommandLine.Option;

/**
 * {@code --arrivals even|poisson}: how the arrivals of a run split over injectors are spaced, for
 * {@code load --injectors} and the pods of {@code kubernetes}.
 */
final class ArrivalsOption {
  @Option(names = "--arrivals", defaultValue = "even", paramLabel = "even|poisson")
  String arrivals;

  /** Whether the arrivals are a Poisson process; {@link Usage} for an unknown kind. */
  boolean poisson() {
    return switch (arrivals) {
      case "even" -> false;
      case "poisson" -> true;
      default -> throw new Usage("--arrivals is even or poisson, not " + arrivals);
    };
  }
}
