package org.wkcheck.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testng.annotations.Test;
import org.wkcheck.testing.CommandRun;
import org.wkcheck.testing.SeededServer;

/**
 * A conformance run stopped by SIGTERM removes what it made on a remote target and prints the
 * cleanup command; that command then finds nothing more to remove, and the target holds no project
 * or task of the run.
 */
public class InterruptedRunTest {
  @Test(timeOut = 180_000)
  public void sigtermRemovesWhatTheRunMade() throws Exception {
    try (SeededServer server = SeededServer.withFaults()) {
      Path out = Files.createTempDirectory("sigterm");
      Path log = out.resolve("console.txt");
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  Main.class.getName(),
                  "conformance",
                  "--no-allure",
                  "--quiet",
                  "--out",
                  out.toString()));
      command.addAll(Arrays.asList(server.targetFlags()));
      Process run =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Path journal = null;
      long deadline = System.currentTimeMillis() + 120_000;
      while (journal == null && System.currentTimeMillis() < deadline) {
        Thread.sleep(250);
        File[] runs = out.toFile().listFiles(File::isDirectory);
        for (File r : runs == null ? new File[0] : runs) {
          Path j = r.toPath().resolve("created.txt");
          if (Files.isRegularFile(j) && Files.readString(j).contains("created project")) {
            journal = j;
          }
        }
      }
      assertTrue(journal != null, "the run created a project: " + Files.readString(log));
      run.destroy(); // SIGTERM
      assertTrue(run.waitFor(90, TimeUnit.SECONDS), "the stopped run ends");
      String console = Files.readString(log);
      assertTrue(console.contains("stopped; removing what it made on the target"), console);
      assertTrue(console.contains("removed project "), console);
      String cleanup =
          console
              .lines()
              .filter(l -> l.startsWith("To be sure nothing of the run is left, run: "))
              .findFirst()
              .orElseThrow()
              .substring("To be sure nothing of the run is left, run: ".length());
      assertTrue(cleanup.startsWith("./wkcheck cleanup --run-id "), cleanup);
      List<String> args = new ArrayList<>(Arrays.asList(cleanup.split(" ")));
      args.remove(0);
      CommandRun again = CommandRun.main(args.toArray(String[]::new));
      assertEquals(again.exit(), 0, again.out() + again.err());
      assertTrue(again.out().contains("is left."), again.out());
      server.assertNothingLeft();
    }
  }
}
