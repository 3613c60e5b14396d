package org.wkcheck.cli;

import picocli.CommandLine.Option;

/**
 * The shape of one load run: open (a rate) or closed (users), its ramp and its hold. Shared by
 * {@code load} and the commands that plan a load run for elsewhere.
 */
final class LoadShapeOptions {

  @Option(names = "--rate", paramLabel = "N")
  Double rate;

  @Option(names = "--users", paramLabel = "N")
  Integer users;

  @Option(names = "--ramp", defaultValue = "5", paramLabel = "SECONDS")
  int ramp;

  @Option(names = "--duration", defaultValue = "20", paramLabel = "SECONDS")
  int duration;

  /** Refuses a rate and users at once. */
  void check() {
    if (rate != null && users != null) {
      throw new Usage("give either --rate (open model) or --users (closed model), not both");
    }
  }

  /** The rate of the run: the one given, or 10 journeys/s when neither rate nor users is. */
  Double rateOrDefault() {
    return rate == null && users == null ? Double.valueOf(10) : rate;
  }
}
