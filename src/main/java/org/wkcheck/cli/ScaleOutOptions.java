package org.wkcheck.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a load run is spread over injectors: {@code --injectors N} on this machine, or, on many
 * machines (a Kubernetes pod each), one step of the run per process: {@code --phase prepare}, then
 * {@code --phase inject} in every injector, then {@code ./wkcheck merge}.
 */
final class ScaleOutOptions {
  /** The environment variable a Kubernetes Indexed Job gives each pod its index in. */
  static final String INDEX_VARIABLE = "JOB_COMPLETION_INDEX";

  /** The steps of a run on many machines. */
  enum Phase {
    prepare,
    inject
  }

  @Option(names = "--injectors", paramLabel = "N")
  Integer injectors;

  @Mixin ArrivalsOption arrivals;

  @Option(names = "--phase", paramLabel = "prepare|inject")
  Phase phase;

  @Option(names = "--run-dir", paramLabel = "DIR")
  Path runDir;

  @Option(
      names = "--injector-index",
      paramLabel = "I",
      description =
          "With --phase inject: this injector's share, from 0 (default: $"
              + INDEX_VARIABLE
              + ", as a Kubernetes Indexed Job sets it).")
  Integer index;

  @Option(names = "--start-at", paramLabel = "EPOCH_MS")
  Long startAt;

  /** Whether the load is split over injectors (or is one step of such a run). */
  boolean scaledOut() {
    return phase != null || (injectors != null && injectors > 1);
  }

  /** The number of injectors, checked. */
  int count() {
    if (injectors == null) {
      throw new Usage("--phase needs --injectors N, the number of injectors of the run");
    }
    if (injectors < 1 || injectors > 1000) {
      throw new Usage("--injectors must be between 1 and 1000, not " + injectors);
    }
    return injectors;
  }

  /** {@link Usage} for the scale-out flags that need another one. */
  void check() {
    arrivals.poisson();
    if (phase == null) {
      if (runDir != null || index != null || startAt != null) {
        throw new Usage("--run-dir, --injector-index and --start-at go with --phase");
      }
      if (injectors != null) {
        count();
      }
      return;
    }
    count();
    if (runDir == null) {
      throw new Usage("--phase needs --run-dir, the run's folder that every step shares");
    }
    if (!runDir.getFileName().toString().matches("[A-Za-z0-9_-]+")) {
      throw new Usage("the run folder's name is the run id: letters, digits, _ and - only");
    }
  }

  /** This injector's index: {@code --injector-index}, or the Indexed Job's. */
  int index() {
    Integer i = index;
    if (i == null) {
      String env = System.getenv(INDEX_VARIABLE);
      if (env == null) {
        throw new Usage("--phase inject needs --injector-index I (or $" + INDEX_VARIABLE + ")");
      }
      try {
        i = Integer.valueOf(env.trim());
      } catch (NumberFormatException e) {
        throw new Usage("$" + INDEX_VARIABLE + " is not a number: " + env);
      }
    }
    if (i < 0 || i >= count()) {
      throw new Usage("the injector index must be from 0 to " + (count() - 1) + ", not " + i);
    }
    return i;
  }
}
