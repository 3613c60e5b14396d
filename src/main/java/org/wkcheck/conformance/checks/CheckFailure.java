package org.wkcheck.conformance.checks;

import org.wkcheck.conformance.http.Exchange;

/**
 * A failed check: a stable title, what was expected and what came, and the exchange that showed it.
 * Reports print it with the request and a curl line to reproduce it.
 */
public class CheckFailure extends AssertionError {
  private static final long serialVersionUID = 1L;
  private final String title;
  private final String expected;
  private final String actual;
  private final transient Exchange exchange;

  public CheckFailure(String title, String expected, String actual, Exchange exchange) {
    super(title + ": expected " + expected + ", got " + actual);
    this.title = title;
    this.expected = expected;
    this.actual = actual;
    this.exchange = exchange;
  }

  public String title() {
    return title;
  }

  public String expected() {
    return expected;
  }

  public String actual() {
    return actual;
  }

  /** The exchange that showed the failure, or null for checks on values alone. */
  public Exchange exchange() {
    return exchange;
  }
}
