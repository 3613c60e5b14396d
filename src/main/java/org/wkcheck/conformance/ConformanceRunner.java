package org.wkcheck.conformance;

import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.testng.AllureTestNg;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.testng.ISuite;
import org.testng.ISuiteListener;
import org.testng.TestNG;
import org.testng.xml.XmlSuite;
import org.testng.xml.XmlTest;
import org.wkcheck.conformance.checks.Checks;
import org.wkcheck.conformance.fixtures.Fixtures;
import org.wkcheck.conformance.fixtures.InterruptedRun;
import org.wkcheck.conformance.fixtures.Journal;
import org.wkcheck.conformance.http.AllureAttachments;
import org.wkcheck.conformance.http.Api;
import org.wkcheck.conformance.report.AllureContract;
import org.wkcheck.conformance.report.ConformanceReport;
import org.wkcheck.conformance.report.JUnitWriter;
import org.wkcheck.conformance.report.ReportWriter;
import org.wkcheck.conformance.report.ResultCollector;
import org.wkcheck.contract.Contract;
import org.wkcheck.target.Target;

/**
 * Runs the conformance suite against a target with TestNG, then removes what the run made and
 * writes the reports ({@code report.json}, {@code report.md}, JUnit XML, Allure results) into
 * {@code <out>/<timestamp>/} and {@code <out>/latest/}.
 */
public final class ConformanceRunner {
  private static final String ALLURE_LISTENER = "io.qameta.allure.testng.AllureTestNg";

  /**
   * @param out the reports folder ({@code reports/conformance}); null writes no files
   * @param allure whether to write Allure results (and attach exchanges to them)
   * @param progress where progress lines go; null for none
   * @param classes the test classes to run (default: {@link Suite#CLASSES})
   * @param scope which of their tests run, how a failure is rerun, when the run stops early
   */
  public record Options(
      Target target,
      Path out,
      boolean allure,
      PrintStream progress,
      List<Class<?>> classes,
      Contract contract,
      Consumer<String> notices,
      Scope scope) {

    public Options(
        Target target, Path out, boolean allure, PrintStream progress, List<Class<?>> classes) {
      this(target, out, allure, progress, classes, Contract.documented(), n -> {}, Scope.ALL);
    }

    /**
     * The same run judged by another contract (a strict one), its notices going to {@code notices}.
     */
    public Options withContract(Contract c, Consumer<String> sink) {
      return new Options(target, out, allure, progress, classes, c, sink, scope);
    }

    public Options withScope(Scope s) {
      return new Options(target, out, allure, progress, classes, contract, notices, s);
    }
  }

  /**
   * @param selection which tests run (null: all)
   * @param rerun the command line that reruns a failure against the same target, without its {@code
   *     --only} (null: none is shown)
   * @param maxFailures after this many failed tests the others are skipped (0: never)
   * @param cleanup the command that removes what the run left on its target, shown when the run is
   *     stopped (null: a generic one)
   */
  public record Scope(Selection selection, String rerun, int maxFailures, String cleanup) {
    public static final Scope ALL = new Scope(null, null, 0, null);
  }

  /**
   * The finished run: its report, where the files went, and how many answers the schema checks
   * judged under the run's contract.
   */
  public record Run(ConformanceReport report, Path reportDir, long schemaChecks) {}

  private ConformanceRunner() {}

  public static Run run(Options o) throws IOException {
    Contract contract = o.contract();
    Path runDir = null;
    if (o.out() != null) {
      runDir = o.out().resolve(o.target().runId());
      Files.createDirectories(runDir);
    }
    // the run's own Allure lifecycle, writing into the run's folder (no global setting)
    AllureLifecycle allure =
        o.allure() && runDir != null
            ? new AllureLifecycle(new FileSystemResultsWriter(runDir.resolve("allure-results")))
            : null;
    Api api = new Api(o.target(), new AllureAttachments(allure), null);
    Fixtures fixtures =
        new Fixtures(api, runDir == null ? null : new Journal(runDir.resolve(Journal.FILE)));
    // nothing printed or written shows a token, even one the target sent back
    org.wkcheck.http.Redactor redactor = o.target().redactor();
    ResultCollector collector =
        new ResultCollector(
            o.progress() == null ? null : redactor.wrap(o.progress()),
            o.scope().rerun(),
            o.scope().maxFailures());

    XmlSuite suite = new XmlSuite();
    suite.setName("wkcheck conformance");
    XmlTest test = new XmlTest(suite);
    test.setName(contract.profile());
    Selection selection =
        o.scope().selection() == null
            ? Selection.all(contract.requirements())
            : o.scope().selection();
    test.setXmlClasses(selection.xmlClasses(o.classes() == null ? Suite.CLASSES : o.classes()));
    test.setPreserveOrder(true);

    TestNG tng = new TestNG();
    tng.setUseDefaultListeners(false);
    tng.setVerbose(0);
    tng.setXmlSuites(List.of(suite));
    tng.addListener(collector);
    tng.addListener(
        new ISuiteListener() {
          @Override
          public void onStart(ISuite s) {
            s.setAttribute(Target.ATTRIBUTE, o.target());
            s.setAttribute(Api.class.getName(), api);
            s.setAttribute(Fixtures.class.getName(), fixtures);
          }
        });
    if (runDir != null) {
      tng.setOutputDirectory(runDir.toString());
    }
    // allure-testng registers itself wherever it is on the classpath; the run adds its own
    tng.setListenersToSkipFromBeingWiredInViaServiceLoaders(ALLURE_LISTENER);
    if (allure != null) {
      tng.addListener(new AllureTestNg(allure));
      tng.addListener(new AllureContract(allure, contract.requirements()));
      AllureContract.environment(
          runDir.resolve("allure-results"),
          java.util.Map.of(
              "target",
              o.target().baseUrl() + o.target().apiPrefix(),
              "profile",
              contract.profile(),
              "wkcheck",
              String.valueOf(ConformanceRunner.class.getPackage().getImplementationVersion()),
              "run",
              o.target().runId()));
    }
    long start = System.currentTimeMillis();
    // the suite runs on this thread (no parallel TestNG), so the contract is the run's alone
    long schemaChecks;
    Path journal = runDir == null ? null : runDir.resolve(Journal.FILE);
    Thread onStop =
        journal == null || o.target().embedded()
            ? null
            : new Thread(
                () -> InterruptedRun.cleanUp(api, journal, o.target().runId(), o.scope().cleanup()),
                "wkcheck-interrupted-run");
    if (onStop != null) {
      Runtime.getRuntime().addShutdownHook(onStop); // Ctrl-C or SIGTERM during the run
    }
    try (Checks.Scope scope = Checks.use(contract, o.notices())) {
      tng.run();
      schemaChecks = scope.validated();
    } finally {
      if (onStop != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(onStop);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running already
        }
      }
    }
    List<String> left = fixtures.cleanUp();
    long millis = System.currentTimeMillis() - start;

    ConformanceReport report =
        ConformanceReport.build(
            o.target(),
            contract.requirements(),
            contract.routes(),
            collector.outcomes(),
            start,
            millis,
            left);
    if (runDir != null) {
      ReportWriter.write(report, runDir);
      JUnitWriter.write(report, runDir.resolve("junit"));
      redactor.sweep(runDir);
      org.wkcheck.report.LatestFolder.replaceWith(runDir, o.out().resolve("latest"));
    }
    return new Run(report, runDir, schemaChecks);
  }
}
