package org.wkcheck.conformance.http;

import java.util.List;
import java.util.Map;

/**
 * One request the suite made and what came back, as the reports show it: tokens are never in it
 * (the header shows which environment variable holds the token; a token the server sent back is
 * replaced by its variable's name), bodies are cut to a few KiB.
 */
public record Exchange(
    String method,
    String url,
    Map<String, String> requestHeaders,
    String requestBody,
    int status,
    String contentType,
    Map<String, String> responseHeaders,
    String responseBody,
    long millis,
    String error,
    String tokenVariable) {

  public static final int BODY_LIMIT = 4096;

  /** A curl command line that repeats the request; the token comes from the environment. */
  public String curl() {
    StringBuilder c = new StringBuilder("curl -X ").append(method);
    if (tokenVariable != null) {
      c.append(" -H \"X-Auth-Token: $").append(tokenVariable).append('"');
    }
    for (Map.Entry<String, String> h : requestHeaders.entrySet()) {
      if (!h.getKey().equalsIgnoreCase(Recorder.TOKEN_HEADER)
          && h.getKey().equalsIgnoreCase("Content-Type")) {
        c.append(" -H '").append(h.getKey()).append(": ").append(h.getValue()).append('\'');
      }
    }
    if (requestBody != null && !requestBody.isEmpty() && !requestBody.startsWith("[multipart")) {
      c.append(" --data '").append(requestBody.replace("'", "'\\''")).append('\'');
    }
    c.append(" '").append(url).append('\'');
    return c.toString();
  }

  /** The {@code Location} of a 3xx answer (redirects are never followed), or null. */
  public String location() {
    if (status / 100 != 3 || responseHeaders == null) {
      return null;
    }
    return responseHeaders.entrySet().stream()
        .filter(h -> h.getKey().equalsIgnoreCase("Location"))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(null);
  }

  /** The request in one line, token redacted. */
  public String requestLine() {
    return method
        + " "
        + url
        + (tokenVariable != null ? " (X-Auth-Token: <redacted>)" : "")
        + (requestHeaders.containsKey(Recorder.TOKEN_HEADER) && tokenVariable == null
            ? " (X-Auth-Token: " + requestHeaders.get(Recorder.TOKEN_HEADER) + ")"
            : "");
  }

  static String cut(String s) {
    if (s == null || s.length() <= BODY_LIMIT) {
      return s;
    }
    return s.substring(0, BODY_LIMIT) + "… (" + s.length() + " characters in all)";
  }

  static List<String> names(Map<String, String> m) {
    return List.copyOf(m.keySet());
  }
}
