package org.wkcheck.conformance.http;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wkcheck.conformance.checks.CheckFailure;
import org.wkcheck.http.ExchangeBudget;
import org.wkcheck.http.Guard;
import org.wkcheck.http.GuardException;
import org.wkcheck.http.Redactor;
import org.wkcheck.target.Role;
import org.wkcheck.target.Target;

/**
 * The shared request set-up's filter: runs each exchange inside the {@link Guard}'s budget (its
 * deadline covers the whole answer, body included), records it for the reports (every token
 * redacted, also where the server echoed one), and turns a target that does not answer, stalls, or
 * answers too much into a clear check failure instead of a stack trace or a hang.
 */
public final class Recorder implements Filter {
  public static final String TOKEN_HEADER = "X-Auth-Token";

  private final Target target;
  private final Guard guard;
  private final Redactor redactor;
  private final AllureAttachments allure;

  Recorder(Target target, Guard guard, AllureAttachments allure) {
    this.target = target;
    this.guard = guard;
    this.redactor = target.redactor();
    this.allure = allure;
  }

  @Override
  public Response filter(
      FilterableRequestSpecification req, FilterableResponseSpecification res, FilterContext ctx) {
    Map<String, String> headers = new LinkedHashMap<>();
    String tokenVariable = null;
    for (io.restassured.http.Header h : req.getHeaders()) {
      if (h.getName().equalsIgnoreCase(TOKEN_HEADER)) {
        tokenVariable = variableOf(h.getValue());
        headers.put(TOKEN_HEADER, tokenVariable != null ? "<redacted>" : h.getValue());
      } else {
        headers.put(h.getName(), redactor.redact(h.getValue()));
      }
    }
    String url = redactor.redact(req.getURI());
    String body = redactor.redact(requestBody(req));
    long start = System.nanoTime();
    try (ExchangeBudget budget = guard.open()) {
      Response response;
      try {
        if (budget.breach() != null) {
          throw budget.breach(); // not sent: the target stalled
        }
        response = ctx.next(req, res);
      } catch (Exception e) { // rest-assured passes ConnectException etc. through undeclared
        String why = redactor.redact(describe(e, budget));
        Exchange failed =
            new Exchange(
                req.getMethod(),
                url,
                headers,
                Exchange.cut(body),
                0,
                null,
                Map.of(),
                null,
                millisSince(start),
                why,
                tokenVariable);
        ExchangeLog.add(failed);
        allure.attach(failed);
        throw new CheckFailure(title(budget), "an HTTP answer", why, failed);
      }
      Map<String, String> answerHeaders = new LinkedHashMap<>();
      response
          .getHeaders()
          .forEach(
              h ->
                  answerHeaders.merge(
                      h.getName(), redactor.redact(h.getValue()), (a, b) -> a + ", " + b));
      String text;
      String error = null;
      try {
        text = response.asString(); // the whole body, read inside the exchange's budget
      } catch (Exception e) { // rest-assured (Groovy) rethrows the guard's IOException undeclared
        error = redactor.redact(describe(e, budget));
        text = null;
      }
      Exchange ex =
          new Exchange(
              req.getMethod(),
              url,
              headers,
              Exchange.cut(body),
              response.statusCode(),
              response.contentType(),
              answerHeaders,
              Exchange.cut(redactor.redact(text)),
              millisSince(start),
              error,
              tokenVariable);
      ExchangeLog.add(ex);
      allure.attach(ex);
      if (error != null) {
        throw new CheckFailure(
            title(budget), "a complete answer", response.statusCode() + ", then " + error, ex);
      }
      return response;
    }
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static String title(ExchangeBudget budget) {
    GuardException g = budget.breach();
    if (g == null) {
      return "No answer from the target";
    }
    return switch (g.kind()) {
      case DEADLINE, STALLED -> "No complete answer in time";
      case TOO_LARGE -> "Answer too large";
      case OTHER_ORIGIN -> "Request to another origin refused";
    };
  }

  /** Which role's environment variable holds this token; null for tokens that are not secrets. */
  private String variableOf(String token) {
    for (Role r : Role.values()) {
      if (target.token(r).map(token::equals).orElse(false)) {
        return r.environmentVariable();
      }
    }
    return null;
  }

  private static String requestBody(FilterableRequestSpecification req) {
    if (!req.getMultiPartParams().isEmpty()) {
      StringBuilder b = new StringBuilder("[multipart:");
      req.getMultiPartParams()
          .forEach(
              p ->
                  b.append(' ')
                      .append(p.getControlName())
                      .append(p.getFileName() == null ? "" : "=" + p.getFileName()));
      return b.append(']').toString();
    }
    Object body = req.getBody();
    if (body == null) {
      return null;
    }
    return body instanceof byte[] bytes
        ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
        : body.toString();
  }

  /** Why an exchange ended without a (complete) answer, in words for the report. */
  static String describe(Throwable e, ExchangeBudget budget) {
    GuardException g = budget.stoppedBy(e);
    if (g != null) {
      return g.getMessage();
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException) {
        return "no answer within the request timeout (" + t.getMessage() + ")";
      }
      if (t instanceof java.net.ConnectException) {
        return "connection refused: " + t.getMessage();
      }
      if (t instanceof java.net.UnknownHostException) {
        return "unknown host: " + t.getMessage();
      }
      if (t instanceof org.apache.http.NoHttpResponseException) {
        return "the target closed the connection without answering";
      }
      if (t instanceof org.apache.http.MessageConstraintException
          || t instanceof org.apache.http.ProtocolException
          || String.valueOf(t.getMessage()).contains("line length limit")) {
        return "a malformed or oversized answer head (header lines are bounded to "
            + org.wkcheck.http.Sizes.size(org.wkcheck.http.Limits.MAX_HEADER_LINE)
            + "): "
            + t.getMessage();
      }
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
