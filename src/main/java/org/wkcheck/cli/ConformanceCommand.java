package org.wkcheck.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.wkcheck.conformance.ConformanceRunner;
import org.wkcheck.conformance.Selection;
import org.wkcheck.conformance.Suite;
import org.wkcheck.conformance.report.ConformanceReport;
import org.wkcheck.contract.Contract;
import org.wkcheck.target.Target;
import org.wkcheck.target.TargetResolver;
import org.wkcheck.target.TargetWorld;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./wkcheck conformance}: the conformance suite against a target. */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description = {
      "Checks a server, requirement by requirement, against the documented webKnossos REST API."
          + " Without --target it starts the embedded reference server and checks that.",
      "Tokens come from the environment (WK_TOKEN: an admin of the world's organization;"
          + " optional WK_TOKEN_MANAGER, WK_TOKEN_MEMBER, WK_TOKEN_OTHER_ORG) or from --token-file,"
          + " never from the command line, and never appear in any output.",
      "Reports: <out>/<run id>/ and <out>/latest/ (report.json, report.md, junit/, allure-results/).",
      "Exit: 0 if no testable requirement failed, 1 if one did, 2 on bad usage, 3 when the"
          + " pre-flight failed (target down, token refused, world or API version not usable)."
    })
final class ConformanceCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin TargetOptions targetOptions;

  @picocli.CommandLine.Mixin WorldOption worldOption;

  @picocli.CommandLine.Mixin ReportsOption reports;

  @Option(names = "--only", paramLabel = "SELECTOR", split = ",")
  List<String> only;

  @Option(names = "--exclude", paramLabel = "SELECTOR", split = ",")
  List<String> exclude;

  @Option(names = "--list", paramLabel = "WHAT", arity = "0..1", fallbackValue = "requirements")
  String list;

  @Option(names = "--max-failures", paramLabel = "N", defaultValue = "0")
  int maxFailures;

  @Option(names = "--no-allure")
  boolean noAllure;

  @Option(names = "--html")
  boolean html;

  @Option(names = "--quiet")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    PrintStream out = System.out;
    targetOptions.check();
    if (html && noAllure) {
      throw new Usage("--html needs the Allure results; drop --no-allure");
    }
    Contract contract = Contract.documented();
    if (list != null) {
      return SuiteListing.print(list, contract, out);
    }
    if (maxFailures < 0) {
      throw new Usage("--max-failures must not be negative");
    }
    List<Class<?>> classes = Suite.CLASSES;
    Selection selection;
    try {
      selection = Selection.of(only, exclude, contract.requirements(), classes);
    } catch (IllegalArgumentException e) {
      throw new Usage("--only/--exclude: " + e.getMessage());
    }
    TargetWorld world = worldOption.read();
    String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    TargetResolver.Reached reached = targetOptions.reach(world, runId);
    Target t = reached.target();
    String base = t.baseUrl();
    boolean embedded = t.embedded();
    try {
      out.println(
          "wkcheck conformance: "
              + base
              + t.apiPrefix()
              + (embedded ? " (embedded reference server)" : "")
              + ", run "
              + runId
              + ", "
              + (selection.isAll()
                  ? classes.size() + " test classes"
                  : selection.count(classes)
                      + (selection.count(classes) == 1 ? " selected test" : " selected tests")));
      ConformanceRunner.Run run =
          ConformanceRunner.run(
              new ConformanceRunner.Options(
                      t, reports.folder, !noAllure, quiet ? null : out, classes)
                  .withScope(
                      new ConformanceRunner.Scope(
                          selection,
                          rerunCommand(),
                          maxFailures,
                          targetOptions.cleanupCommand(runId, reports.folder))));
      ConformanceReport.Summary s = run.report().summary();
      if (!run.report().leftBehind().isEmpty()) {
        out.println(
            "Left on the target: "
                + String.join(", ", run.report().leftBehind())
                + " ("
                + targetOptions.cleanupCommand(runId, reports.folder)
                + " retries)");
      }
      out.printf(
          Locale.ROOT,
          "%d failed, %d passed, %d skipped, %d not tested testable requirements (%d not testable); %d tests in %.1f s%n",
          s.failed(),
          s.passed(),
          s.skipped(),
          s.notTested(),
          s.notTestable(),
          s.tests(),
          run.report().millis() / 1000.0);
      long failedTests =
          run.report().tests().stream()
              .filter(x -> x.status() == org.wkcheck.conformance.report.TestOutcome.Status.FAILED)
              .count();
      if (maxFailures > 0 && failedTests >= maxFailures) {
        out.println(
            "Stopped early: the tests after the "
                + maxFailures
                + " failed ones were skipped (--max-failures).");
      }
      out.println("Report: " + reports.latest().resolve("report.md"));
      if (html && run.reportDir() != null) {
        String home = System.getProperty("wkcheck.home");
        if (home == null) {
          System.err.println(
              "wkcheck conformance: --html needs the project folder (run it through ./wkcheck)");
        } else {
          try {
            out.println("Rendering the Allure HTML report...");
            java.nio.file.Path file =
                org.wkcheck.conformance.report.AllureHtml.render(
                    java.nio.file.Path.of(home),
                    run.reportDir().resolve("allure-results"),
                    run.reportDir().resolve("html"));
            java.nio.file.Path latest = reports.latest().resolve("html");
            java.nio.file.Files.createDirectories(latest);
            java.nio.file.Files.copy(
                file,
                latest.resolve("index.html"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            out.println("HTML report: " + latest.resolve("index.html"));
          } catch (IOException | InterruptedException e) {
            System.err.println("wkcheck conformance: the HTML report failed: " + e.getMessage());
          }
        }
      }
      return run.report().exitCode();
    } finally {
      reached.close();
    }
  }

  /** This command line without its selection: the start of each failure's rerun command. */
  private String rerunCommand() {
    List<String> words = new ArrayList<>(List.of("conformance"));
    if (worldOption.file != null) {
      words.addAll(List.of("--world", worldOption.file.toString()));
    }
    return targetOptions.commandLine(words);
  }
}
