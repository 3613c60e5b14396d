package org.wkcheck.conformance.http;

import io.qameta.allure.AllureLifecycle;
import java.nio.charset.StandardCharsets;

/**
 * Attaches recorded exchanges to the Allure report of the running test, through the run's own
 * Allure lifecycle (none: nothing is attached).
 */
public final class AllureAttachments {
  /** Attaches nothing. */
  public static final AllureAttachments NONE = new AllureAttachments(null);

  private final AllureLifecycle lifecycle;

  public AllureAttachments(AllureLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  void attach(Exchange e) {
    if (lifecycle == null || lifecycle.getCurrentTestCase().isEmpty()) {
      return;
    }
    String text =
        e.requestLine()
            + "\n"
            + (e.requestBody() == null ? "" : e.requestBody() + "\n")
            + "\n→ "
            + e.status()
            + " "
            + (e.contentType() == null ? "" : e.contentType())
            + " ("
            + e.millis()
            + " ms)\n"
            + (e.location() == null ? "" : "Location: " + e.location() + " (not followed)\n")
            + (e.responseBody() == null ? "" : e.responseBody())
            + "\n\nReproduce: "
            + e.curl();
    lifecycle.addAttachment(
        e.method() + " " + e.url() + " → " + e.status(),
        "text/plain",
        "txt",
        text.getBytes(StandardCharsets.UTF_8));
  }
}
