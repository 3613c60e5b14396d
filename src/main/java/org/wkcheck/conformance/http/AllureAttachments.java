package org.wkcheck.conformance.http;

import io.qameta.allure.Allure;

/** Attaches recorded exchanges to the Allure report of the running test, when Allure runs. */
public final class AllureAttachments {
  private final boolean enabled;

  public AllureAttachments(boolean enabled) {
    this.enabled = enabled;
  }

  void attach(Exchange e) {
    if (!enabled || Allure.getLifecycle().getCurrentTestCase().isEmpty()) {
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
    Allure.addAttachment(e.method() + " " + e.url() + " → " + e.status(), "text/plain", text);
  }
}
