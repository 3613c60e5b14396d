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

  @Option(
      names = "--injectors",
      paramLabel = "N",
      description =
          "Split the load over N injectors, each in a JVM of its own with an exact share, started"
              + " together; their results are merged exactly (default: 1, no split).")
  Integer injectors;

  @Mixin ArrivalsOption arrivals;

  @Option(
      names = "--phase",
      paramLabel = "prepare|inject",
      description =
          "One step of a run on many machines: prepare (the set-up, once) or inject (one share);"
              + " needs --run-dir and --injectors. Merge with ./wkcheck merge.")
  Phase phase;

  @Option(
      names = "--run-dir",
      paramLabel = "DIR",
      description =
          "With --phase: the run's folder, shared by every step (its name is the run id).")
  Path runDir;

  @Option(
      names = "--injector-index",
      paramLabel = "I",
      description =
          "With --phase inject: this injector's share, from 0 (default: $"
              + INDEX_VARIABLE
              + ", as a Kubernetes Indexed Job sets it).")
  Integer index;

  @Option(
      names = "--start-at",
      paramLabel = "EPOCH_MS",
      description =
          "With --phase inject: start the load at this instant (default: the injectors agree on a"
              + " start through the run's folder once all are ready).")
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
