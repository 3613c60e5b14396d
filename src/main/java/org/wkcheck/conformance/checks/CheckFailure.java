package org.wkcheck.conformance.checks;

import org.wkcheck.conformance.http.Exchange;
import org.wkcheck.conformance.report.TestOutcome;

/**
 * A failed check: a stable title, what was expected and what came, and the exchange that showed it
 * (null for checks on values alone). Reports print it with the request and a curl line to reproduce
 * it.
 */
public class CheckFailure extends AssertionError {
  private static final long serialVersionUID = 1L;
  private final transient TestOutcome.Failure failure;

  public CheckFailure(String title, String expected, String actual, Exchange exchange) {
    super(title + ": expected " + expected + ", got " + actual);
    this.failure = new TestOutcome.Failure(title, expected, actual, exchange);
  }

  /** The failure as the report shows it. */
  public TestOutcome.Failure failure() {
    return failure;
  }
}
