package org.wkcheck.conformance.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.testng.ITestListener;
import org.testng.ITestResult;
import org.testng.SkipException;
import org.wkcheck.conformance.RequirementScope;
import org.wkcheck.conformance.Selection;
import org.wkcheck.conformance.checks.CheckFailure;
import org.wkcheck.conformance.http.Exchange;
import org.wkcheck.conformance.http.ExchangeLog;

/**
 * Collects every test's outcome with the requirement ids it names and the exchanges it made, and
 * shows progress on the console while the suite runs.
 */
public final class ResultCollector
    implements ITestListener, org.testng.IConfigurationListener, org.testng.IInvokedMethodListener {
  private final List<TestOutcome> outcomes = Collections.synchronizedList(new ArrayList<>());
  private final PrintStream progress;
  private final String rerun;
  private final int maxFailures;

  /**
   * Failures of set-up methods by test class: the class's tests then count as failed, not skipped.
   */
  private final java.util.Map<String, Throwable> setUpFailures =
      new java.util.concurrent.ConcurrentHashMap<>();

  private int done;
  private int failed;

  /**
   * @param progress where a line per test goes, or null
   * @param rerun the command line that reruns a failed test against the same target, without {@code
   *     --only}; null for none
   * @param maxFailures after this many failed tests the others are skipped; 0 for never
   */
  public ResultCollector(PrintStream progress, String rerun, int maxFailures) {
    this.progress = progress;
    this.rerun = rerun;
    this.maxFailures = maxFailures;
  }

  /** Once {@code maxFailures} tests failed, every further test is skipped, saying why. */
  @Override
  public void beforeInvocation(org.testng.IInvokedMethod method, ITestResult r) {
    if (method.isTestMethod() && maxFailures > 0 && failedTests() >= maxFailures) {
      throw new SkipException(
          "not run: the run stopped after " + maxFailures + " failed tests (--max-failures)");
    }
  }

  public List<TestOutcome> outcomes() {
    return List.copyOf(outcomes);
  }

  @Override
  public void onTestStart(ITestResult result) {
    ExchangeLog.start();
  }

  @Override
  public void onTestSuccess(ITestResult r) {
    record(r, TestOutcome.Status.PASSED, null, null);
  }

  @Override
  public void onTestFailure(ITestResult r) {
    Throwable t = r.getThrowable();
    TestOutcome.Failure f;
    if (t instanceof CheckFailure c) {
      f = c.failure();
    } else {
      Exchange last = ExchangeLog.last();
      String what = t == null ? "unknown" : t.getClass().getSimpleName() + ": " + t.getMessage();
      f =
          new TestOutcome.Failure(
              t instanceof AssertionError ? "Assertion" : "Unexpected error in the test",
              "the requirement to hold",
              what,
              last);
    }
    record(r, TestOutcome.Status.FAILED, f, null);
  }

  @Override
  public void onConfigurationFailure(ITestResult r) {
    if (!(r.getThrowable() instanceof SkipException)) {
      setUpFailures.putIfAbsent(r.getTestClass().getName(), r.getThrowable());
    }
  }

  @Override
  public void onTestSkipped(ITestResult r) {
    Throwable setUp = setUpFailures.get(r.getTestClass().getName());
    if (setUp != null && !(r.getThrowable() instanceof SkipException)) {
      // A set-up that failed against the target (no answer, a broken answer) is a failure of
      // what the class checks, not a reason to skip it.
      r.setThrowable(setUp);
      onTestFailure(r);
      return;
    }
    Throwable t = r.getThrowable();
    String reason =
        t instanceof SkipException s
            ? s.getMessage()
            : t != null
                ? t.getMessage()
                : "skipped (a configuration method failed or a dependency did not pass)";
    record(r, TestOutcome.Status.SKIPPED, null, reason);
  }

  @Override
  public void onTestFailedButWithinSuccessPercentage(ITestResult r) {
    onTestFailure(r);
  }

  private void record(
      ITestResult r, TestOutcome.Status status, TestOutcome.Failure f, String skip) {
    List<String> ids =
        RequirementScope.of(r.getMethod().getConstructorOrMethod().getMethod(), r.getParameters());
    String params =
        r.getParameters() == null || r.getParameters().length == 0
            ? ""
            : Arrays.stream(r.getParameters())
                .map(String::valueOf)
                .collect(Collectors.joining(", "));
    TestOutcome o =
        new TestOutcome(
            r.getTestClass().getName(),
            r.getMethod().getMethodName(),
            params,
            ids,
            status,
            r.getEndMillis() - r.getStartMillis(),
            f,
            skip,
            ExchangeLog.current(),
            status == TestOutcome.Status.FAILED && rerun != null
                ? rerun
                    + " --only "
                    + String.join(
                        ",",
                        Selection.rerunSelectors(
                            r.getTestClass().getName(), r.getMethod().getMethodName(), ids))
                : null);
    outcomes.add(o);
    synchronized (this) {
      done++;
      if (status == TestOutcome.Status.FAILED) {
        failed++;
      }
      if (progress != null) {
        String mark =
            switch (status) {
              case PASSED -> "  ok  ";
              case FAILED -> "  FAIL";
              case SKIPPED -> "  skip";
            };
        progress.printf(
            "%s %4d %s%s%n",
            mark,
            done,
            o.name(),
            status == TestOutcome.Status.FAILED
                ? "  <- " + f.title() + (o.rerun() == null ? "" : "\n         rerun: " + o.rerun())
                : status == TestOutcome.Status.SKIPPED ? "  (" + skip + ")" : "");
      }
    }
  }

  public synchronized int failedTests() {
    return failed;
  }
}
