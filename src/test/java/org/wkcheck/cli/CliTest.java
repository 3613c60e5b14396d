package org.wkcheck.cli;

import static org.testng.Assert.assertEquals;
import static org.testng.Assert.assertFalse;
import static org.testng.Assert.assertTrue;

import org.testng.annotations.Test;
import org.wkcheck.server.world.SeedWorld;
import org.wkcheck.testing.CommandRun;

/** The ./wkcheck command line: help, usage errors, and the smoke check of the embedded server. */
public class CliTest {

  /** {@code ./wkcheck conformance} with these options, without Allure, its report under out. */
  private static CommandRun conformance(java.nio.file.Path out, String... options) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("conformance"));
    args.addAll(java.util.List.of(options));
    args.addAll(java.util.List.of("--no-allure", "--out", out.toString()));
    return CommandRun.main(args.toArray(String[]::new));
  }

  /** Every command MUST answer --help with its usage and exit 0. */
  @Test
  public void helpOnEveryCommand() {
    java.util.Set<String> commands =
        new picocli.CommandLine(new Main())
            .getSubcommands().keySet().stream()
                .filter(c -> !c.equals("help"))
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    assertTrue(
        commands.containsAll(
            java.util.List.of("conformance", "serve", "validate", "cleanup", "faults", "load")),
        "the commands of the command contract: " + commands);
    java.util.List<String[]> all = new java.util.ArrayList<>();
    all.add(new String[] {"--help"});
    commands.forEach(c -> all.add(new String[] {c, "--help"}));
    for (String[] args : all) {
      CommandRun r = CommandRun.main(args);
      assertEquals(r.exit(), 0, String.join(" ", args));
      assertTrue(
          r.out().contains("Usage: wkcheck" + (args.length == 2 ? " " + args[0] : "")), r.out());
      assertTrue(r.out().contains("--help"), String.join(" ", args) + ": " + r.out());
      assertFalse(
          (r.out() + r.err()).contains("picocli WARN"),
          "a description that is not a valid format string (a lone %): " + r.err());
    }
  }

  /**
   * An exception no command expected MUST end the command with exit 1 (not 2, which means bad
   * usage) and a message naming a log file that holds the stack trace.
   */
  @Test
  public void anUnexpectedErrorExitsOneWithItsTraceInALogFile() throws Exception {
    java.io.StringWriter err = new java.io.StringWriter();
    int exit = Main.crashed(new IllegalStateException("boom"), new java.io.PrintWriter(err, true));
    assertEquals(exit, 1);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("the stack trace is in (\\S+)").matcher(err.toString());
    assertTrue(m.find(), err.toString());
    java.nio.file.Path log = java.nio.file.Path.of(m.group(1));
    String trace = java.nio.file.Files.readString(log);
    assertTrue(trace.contains("IllegalStateException: boom"), trace);
    assertTrue(trace.contains("CliTest"), "the whole stack trace: " + trace);
    java.nio.file.Files.delete(log);
  }

  /** Unknown commands and bad flags MUST give a usage error, not a stack trace. */
  @Test
  public void badUsageIsAClearError() {
    CommandRun unknown = CommandRun.main("bogus");
    assertEquals(unknown.exit(), 2);
    assertTrue(unknown.err().contains("Unmatched argument"), unknown.err());
    CommandRun badPort = CommandRun.main("serve", "--port", "70000");
    assertEquals(badPort.exit(), 2);
    assertTrue(badPort.err().contains("--port"), badPort.err());
    CommandRun notUrl = CommandRun.main("conformance", "--target", "localhost:9000");
    assertEquals(notUrl.exit(), 2);
    assertTrue(notUrl.err().contains("--target"), notUrl.err());
  }

  /** Conformance MUST pass on the embedded reference server and never print a token. */
  @Test
  public void conformancePassesOnTheEmbeddedServer() throws Exception {
    java.nio.file.Path out = java.nio.file.Files.createTempDirectory("wkcheck-cli");
    CommandRun r = conformance(out, "--only", "BuildInfoConformance,AuthConformance");
    assertEquals(r.exit(), 0, r.out() + r.err());
    assertTrue(r.out().contains("0 failed"), r.out());
    assertTrue(java.nio.file.Files.isRegularFile(out.resolve("latest/report.json")), "report.json");
    for (char u = 'A'; u <= 'E'; u++) {
      assertTrue(
          !r.out().contains(SeedWorld.token(u)) && !r.err().contains(SeedWorld.token(u)),
          "token printed");
    }
  }

  /**
   * An unreachable target MUST fail the pre-flight clearly and quickly (exit 3), no token printed.
   */
  @Test(timeOut = 60_000)
  public void unreachableTargetFailsClearly() throws Exception {
    java.nio.file.Path tokenFile = java.nio.file.Files.createTempFile("wkcheck-token", ".txt");
    java.nio.file.Files.writeString(tokenFile, "WK_TOKEN=some-token\n");
    java.nio.file.Path out = java.nio.file.Files.createTempDirectory("wkcheck-cli");
    CommandRun r =
        conformance(
            out,
            "--target",
            "http://127.0.0.1:9",
            "--token-file",
            tokenFile.toString(),
            "--timeout",
            "3",
            "--only",
            "BuildInfoConformance");
    java.nio.file.Files.delete(tokenFile);
    assertEquals(r.exit(), 3, r.out() + r.err());
    assertTrue(
        r.err()
            .contains(
                "pre-flight failed, nothing was judged: the target http://127.0.0.1:9"
                    + " does not answer GET /api/buildinfo"),
        r.err());
    assertTrue(!java.nio.file.Files.exists(out.resolve("latest")), "no report of a run not made");
    assertTrue(!r.out().contains("some-token") && !r.err().contains("some-token"), "token printed");
  }

  /** Bad conformance options MUST be usage errors (exit 2) before anything runs. */
  @Test
  public void badConformanceOptions() {
    assertEquals(CommandRun.main("conformance", "--only", "NoSuchClass").exit(), 2);
    assertEquals(CommandRun.main("conformance", "--timeout", "0").exit(), 2);
    assertEquals(
        CommandRun.main("conformance", "--target", "http://127.0.0.1:9").exit(), 2, "no token");
    assertEquals(CommandRun.main("cleanup", "--run-id", "x").exit(), 2, "cleanup needs --target");
  }
}
