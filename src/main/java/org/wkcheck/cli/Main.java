package org.wkcheck.cli;

import org.wkcheck.target.Preflight;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./wkcheck}: the one entry point of the harness. */
@Command(
    name = "wkcheck",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    resourceBundle = "org.wkcheck.cli.help",
    description = "Conformance and load harness for the webKnossos backend REST API.",
    subcommands = {
      ConformanceCommand.class,
      ServeCommand.class,
      ValidateCommand.class,
      CleanupCommand.class,
      FaultsCommand.class,
      LoadCommand.class,
      CapacityCommand.class,
      MergeCommand.class,
      KubernetesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns the exit code (for tests). */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Main());
    CleanupCommand.requireTarget(cli.getSubcommands().get("cleanup").getCommandSpec());
    return cli.setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              if (e instanceof Usage u) {
                cmd.getErr().println("wkcheck " + cmd.getCommandName() + ": " + u.getMessage());
                return 2;
              }
              if (e instanceof Preflight.Failed f) {
                cmd.getErr()
                    .println(
                        "wkcheck "
                            + cmd.getCommandName()
                            + ": pre-flight failed, nothing was judged: "
                            + f.getMessage());
                return 3;
              }
              return crashed(e, cmd.getErr());
            })
        .execute(args);
  }

  /**
   * An exception no command expected is a defect of the harness, not bad usage: exit 1, with the
   * stack trace in a log file the message names (bad usage stays exit 2, from the commands and
   * picocli's own parameter errors).
   */
  static int crashed(Exception e, java.io.PrintWriter err) {
    String stamp =
        java.time.LocalDateTime.now()
            .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    java.io.StringWriter trace = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(trace));
    java.nio.file.Path log = null;
    for (java.nio.file.Path dir :
        java.util.List.of(
            java.nio.file.Path.of("reports"),
            java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
      try {
        java.nio.file.Files.createDirectories(dir);
        log = dir.resolve("wkcheck-error-" + stamp + ".log");
        java.nio.file.Files.writeString(log, trace.toString());
        break;
      } catch (java.io.IOException | RuntimeException ignored) {
        log = null;
      }
    }
    err.println(
        "wkcheck: an unexpected error stopped the command: "
            + e
            + (log == null ? "" : "\n  the stack trace is in " + log.toAbsolutePath())
            + "\n  (this is a defect of wkcheck; please report it with that file)");
    return 1;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"wkcheck " + (v == null ? "dev" : v)};
    }
  }
}
