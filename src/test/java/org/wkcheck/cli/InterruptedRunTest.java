package org.wkcheck.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;
import org.wkcheck.testing.CommandRun;
import org.wkcheck.testing.SeededServer;
import org.wkcheck.testing.Subprocess;

/**
 * A conformance or load run stopped by SIGTERM (a load run's Gatling JVM first) removes what it
 * made on a remote target and prints the cleanup command; that command then finds nothing more to
 * remove, and the target holds no project or task of the run.
 */
public class InterruptedRunTest {
  private static final String PRINTED = "To be sure nothing of the run is left, run: ";

  /** What a stopped run left: its console, and its child processes (all of which must be gone). */
  private record Stopped(String console, List<ProcessHandle> children) {}

  /**
   * Starts {@code ./wkcheck ARGS} in a JVM of its own against the server, waits until the run has
   * noted a created project, then sends SIGTERM and waits for the JVM to end.
   */
  private static Stopped startAndStop(SeededServer server, Path out, String... args)
      throws Exception {
    Path log = out.resolve("console.txt");
    List<String> command = new ArrayList<>(Subprocess.wkcheck(args));
    command.addAll(List.of("--out", out.toString()));
    command.addAll(Arrays.asList(server.targetFlags()));
    Process run =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean created = false;
    long deadline = System.currentTimeMillis() + 120_000;
    while (!created && System.currentTimeMillis() < deadline) {
      Thread.sleep(250);
      try (var files = Files.walk(out, 3)) {
        for (Path j : files.filter(f -> f.endsWith("created.txt")).toList()) {
          created |= Files.readString(j).contains("created project");
        }
      }
    }
    assertTrue(created, "the run created a project: " + Files.readString(log));
    List<ProcessHandle> children = run.descendants().toList();
    run.destroy(); // SIGTERM
    assertTrue(run.waitFor(90, TimeUnit.SECONDS), "the stopped run ends");
    return new Stopped(Files.readString(log), children);
  }

  /** Runs the printed cleanup command: it must find nothing more of the run. */
  private static void cleanupFindsNothing(String console) {
    String cleanup =
        console
            .lines()
            .filter(l -> l.startsWith(PRINTED))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no cleanup command in: " + console))
            .substring(PRINTED.length());
    assertTrue(cleanup.startsWith("./wkcheck cleanup --run-id "), cleanup);
    List<String> args = new ArrayList<>(Arrays.asList(cleanup.split(" ")));
    args.remove(0);
    CommandRun again = CommandRun.main(args.toArray(String[]::new));
    assertEquals(again.exit(), 0, again.out() + again.err());
    assertTrue(again.out().contains("is left."), again.out());
  }

  @Test(timeOut = 180_000)
  public void sigtermDuringConformanceRemovesWhatTheRunMade() throws Exception {
    try (SeededServer server = SeededServer.withFaults()) {
      Path out = Files.createTempDirectory("sigterm");
      Stopped s = startAndStop(server, out, "conformance", "--no-allure", "--quiet");
      assertTrue(s.console().contains("stopped; removing what it made on the target"), s.console());
      assertTrue(s.console().contains("removed project "), s.console());
      cleanupFindsNothing(s.console());
      server.assertNothingLeft();
    }
  }

  /**
   * A stopped load run stops its Gatling JVM first (no load goes on), then removes what it made.
   */
  @Test(timeOut = 240_000)
  public void sigtermDuringLoadStopsTheLoadAndRemovesWhatItMade() throws Exception {
    try (SeededServer server = SeededServer.withFaults()) {
      Path out = Files.createTempDirectory("sigterm-load");
      Stopped s =
          startAndStop(
              server,
              out,
              "load",
              "--simulation",
              "task-creation",
              "--rate",
              "5",
              "--duration",
              "60",
              "--quiet");
      assertTrue(s.console().contains("stopped; stopping the load"), s.console());
      assertTrue(!s.children().isEmpty(), "the run had started its Gatling JVM");
      for (ProcessHandle child : s.children()) {
        child.onExit().get(20, TimeUnit.SECONDS);
        assertTrue(!child.isAlive(), "a Gatling JVM outlived the stopped run");
      }
      cleanupFindsNothing(s.console());
      server.assertNothingLeft();
    }
  }
}
