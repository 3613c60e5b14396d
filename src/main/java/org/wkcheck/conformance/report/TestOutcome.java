package org.wkcheck.conformance.report;

import java.util.List;
import org.wkcheck.conformance.http.Exchange;

/** How one conformance test ended, with the requirements it names and what it sent. */
public record TestOutcome(
    String className,
    String method,
    String parameters,
    List<String> requirements,
    Status status,
    long millis,
    Failure failure,
    String skipReason,
    List<Exchange> exchanges,
    String rerun) {

  public enum Status {
    PASSED,
    FAILED,
    SKIPPED
  }

  /** What went wrong: a stable title, expected and actual, and the exchange that showed it. */
  public record Failure(String title, String expected, String actual, Exchange exchange) {}

  public String name() {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    return simple
        + "."
        + method
        + (parameters == null || parameters.isEmpty() ? "" : "(" + parameters + ")");
  }
}
