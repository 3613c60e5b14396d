package org.wkcheck.testing;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.wkcheck.cli.Main;

/** For tests that need a process of their own: ./wkcheck in a JVM of its own, a process run out. */
public final class Subprocess {
  private Subprocess() {}

  /** The command line of {@code ./wkcheck ARGS} in a JVM of its own, on this JVM's class path. */
  public static List<String> wkcheck(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Runs {@code process} to its end, its standard output and error together in a temporary file,
   * and asserts that it ended within 100 s ("{@code what} ended") and exited 0.
   *
   * @return what it printed
   */
  public static String succeeds(ProcessBuilder process, String what)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("wkcheck-process", ".log");
    try {
      Process p = process.redirectErrorStream(true).redirectOutput(log.toFile()).start();
      assertTrue(p.waitFor(100, TimeUnit.SECONDS), what + " ended");
      String printed = Files.readString(log);
      assertEquals(p.exitValue(), 0, printed);
      return printed;
    } finally {
      Files.delete(log);
    }
  }
}
