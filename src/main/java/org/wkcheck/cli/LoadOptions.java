package org.wkcheck.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.wkcheck.load.InterruptedLoad;
import org.wkcheck.load.LoadSettings;
import org.wkcheck.load.SimulationKind;
import org.wkcheck.target.TargetWorld;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code load} and {@code capacity} share: the target, the world, the known capacity of the
 * embedded server, the baseline, the simulation, its objectives, the safety rails and the load
 * generator's heap.
 */
final class LoadOptions {
  @Mixin TargetOptions target;

  @Mixin KnownCapacityOptions knownCapacity;

  @Mixin WorldOption world;

  @Mixin BaselineOptions baseline;

  @Option(names = "--simulation", paramLabel = "NAME")
  String simulation;

  @Option(names = "--list")
  boolean list;

  @Option(names = "--batch-size", defaultValue = "10", paramLabel = "N")
  int batchSize;

  @Option(names = "--max-rps", defaultValue = "" + LoadSettings.DEFAULT_MAX_RPS, paramLabel = "N")
  int maxRps;

  @Option(names = "--allow-remote-load")
  boolean allowRemoteLoad;

  @Option(names = "--slo-p95", defaultValue = "200", paramLabel = "MS")
  int p95;

  @Option(names = "--slo-p99", defaultValue = "500", paramLabel = "MS")
  int p99;

  @Option(names = "--slo-errors", defaultValue = "1", paramLabel = "PERCENT")
  double maxErrors;

  @Option(names = "--stop-errors", defaultValue = "50", paramLabel = "PERCENT")
  double stopErrors;

  @Option(names = "--stop-after", defaultValue = "5", paramLabel = "SECONDS")
  int stopAfter;

  @Option(names = "--sample-every", defaultValue = "1", paramLabel = "N")
  int sampleEvery;

  @Option(names = "--heap", defaultValue = "1g", paramLabel = "SIZE")
  String heap;

  /** {@code --list}: each simulation's name and class. */
  static void listSimulations(java.io.PrintStream out) {
    for (SimulationKind k : SimulationKind.values()) {
      out.println(k.title() + "  (" + k.className() + ")");
    }
  }

  /** The simulation's class, or {@link Usage} naming the simulations there are. */
  String simulationClass() {
    return kind().className();
  }

  /** The simulation asked for, or {@link Usage} naming the simulations there are. */
  SimulationKind kind() {
    List<String> names = Arrays.stream(SimulationKind.values()).map(SimulationKind::title).toList();
    if (simulation == null) {
      throw new Usage("give --simulation NAME, one of " + names);
    }
    SimulationKind k = SimulationKind.named(simulation);
    if (k == null) {
      throw new Usage("no simulation " + simulation + "; there are " + names);
    }
    if (!heap.matches("\\d+[kKmMgG]?")) {
      throw new Usage("--heap " + heap + " is not a heap size such as 1g or 512m");
    }
    return k;
  }

  /**
   * Where the rails are checked before anything starts: the target given, or a loopback address
   * standing for the embedded server that is not started yet.
   */
  String probeUrl() {
    return target.target == null ? "http://127.0.0.1:1" : target.baseUrl();
  }

  /** The settings of a run at {@code rate} (or {@code users}) against {@code url}. */
  LoadSettings settings(
      String url, Double rate, Integer users, int ramp, int duration, Path runDir, String runId) {
    return new LoadSettings(
        url,
        target.apiVersion,
        rate,
        users,
        ramp,
        duration,
        batchSize,
        maxRps,
        allowRemoteLoad,
        p95,
        p99,
        maxErrors,
        stopErrors,
        stopAfter,
        sampleEvery,
        target.timeoutSeconds,
        target.maxBody(),
        null,
        runDir,
        runId);
  }

  /**
   * Adds the shutdown hook that, on Ctrl-C or SIGTERM during the run, stops its load and removes
   * what it made ({@link InterruptedLoad}), then prints the command that removes the rest from a
   * remote target (its reports in {@code out}); {@link #removeHook} takes it away again.
   */
  Thread addStopHook(
      LoadSettings settings,
      String token,
      TargetWorld world,
      Path runDir,
      Path out,
      boolean embedded) {
    Thread hook =
        InterruptedLoad.hook(
            settings,
            token,
            world,
            runDir,
            embedded ? null : target.cleanupCommand(settings.runId(), out));
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  /** Removes a shutdown hook the run no longer needs (unless the JVM is stopping already). */
  static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running
    }
  }
}
