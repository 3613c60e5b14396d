package org.wkcheck.conformance.http;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wkcheck.conformance.Role;
import org.wkcheck.conformance.Target;
import org.wkcheck.conformance.checks.CheckFailure;

/**
 * The shared request set-up's filter: records every exchange for the reports (tokens redacted) and
 * turns a target that does not answer into a clear check failure instead of a stack trace.
 */
public final class Recorder implements Filter {
  public static final String TOKEN_HEADER = "X-Auth-Token";

  private final Target target;
  private final AllureAttachments allure;

  Recorder(Target target, AllureAttachments allure) {
    this.target = target;
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
        headers.put(h.getName(), h.getValue());
      }
    }
    String body = requestBody(req);
    long start = System.nanoTime();
    Response response;
    try {
      response = ctx.next(req, res);
    } catch (Exception e) { // rest-assured passes ConnectException etc. through undeclared
      long ms = (System.nanoTime() - start) / 1_000_000;
      String why = describe(e);
      Exchange failed =
          new Exchange(
              req.getMethod(), req.getURI(), headers, body, 0, null, null, ms, why, tokenVariable);
      ExchangeLog.add(failed);
      throw new CheckFailure("No answer from the target", "an HTTP answer", why, failed);
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    String text;
    try {
      text = response.asString();
    } catch (RuntimeException e) {
      text = "<body could not be read: " + describe(e) + ">";
    }
    Exchange ex =
        new Exchange(
            req.getMethod(),
            req.getURI(),
            headers,
            Exchange.cut(body),
            response.statusCode(),
            response.contentType(),
            Exchange.cut(text),
            ms,
            null,
            tokenVariable);
    ExchangeLog.add(ex);
    allure.attach(ex);
    return response;
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

  static String describe(Throwable e) {
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
    }
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
