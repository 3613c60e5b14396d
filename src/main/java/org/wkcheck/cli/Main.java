package org.wkcheck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./wkcheck}: the one entry point of the harness. */
@Command(
    name = "wkcheck",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Conformance and load harness for the webKnossos backend REST API.",
    subcommands = {
      ConformanceCommand.class,
      ServeCommand.class,
      ValidateCommand.class,
      CleanupCommand.class,
      FaultsCommand.class,
      LoadCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns the exit code (for tests). */
  public static int run(String... args) {
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(
            (e, cmd, parsed) -> {
              cmd.getErr().println("wkcheck: " + e.getMessage());
              return 2;
            })
        .execute(args);
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
