package org.wkcheck.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.wkcheck.conformance.fixtures.InterruptedRun;
import org.wkcheck.conformance.fixtures.Journal;
import org.wkcheck.conformance.http.AllureAttachments;
import org.wkcheck.conformance.http.Api;
import org.wkcheck.http.RateCap;
import org.wkcheck.target.TargetWorld;

/**
 * A {@code load} or {@code capacity} run stopped by Ctrl-C or SIGTERM: its Gatling JVMs are stopped
 * first (no load goes on), then what its journals list is removed from the target within a bounded
 * time, and the command that removes the rest is printed.
 */
public final class InterruptedLoad {
  private InterruptedLoad() {}

  /**
   * The shutdown hook of a run writing into {@code runDir}; add it before the load starts and
   * remove it once the run has cleaned up by itself.
   *
   * @param cleanup the command that removes what the run left; null for the embedded server (only
   *     the load is stopped)
   */
  public static Thread hook(
      LoadSettings settings, String token, TargetWorld world, Path runDir, String cleanup) {
    return new Thread(
        () -> stop(settings, token, world, runDir, cleanup), "wkcheck-interrupted-load");
  }

  private static void stop(
      LoadSettings settings, String token, TargetWorld world, Path runDir, String cleanup) {
    PrintStream err = System.err;
    err.println("\nwkcheck: run " + settings.runId() + " stopped; stopping the load ...");
    GatlingLauncher.stopAll();
    if (cleanup == null) {
      return; // the embedded server goes with this JVM, and what it holds with it
    }
    err.println("wkcheck: removing what the run made on the target ...");
    InterruptedRun.removeWithin(
        new Api(
            settings.target(token, world), AllureAttachments.NONE, new RateCap(settings.maxRps())),
        journals(runDir),
        cleanup);
  }

  /** The run's journals: its own and its steps'. */
  private static List<Path> journals(Path runDir) {
    try (Stream<Path> files = Files.walk(runDir, 3)) {
      return files.filter(f -> f.getFileName().toString().equals(Journal.FILE)).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
