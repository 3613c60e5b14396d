package org.wkcheck.validate;

import tools.jackson.databind.JsonNode;

/**
 * One recorded request and its answer. {@code json} is the body as JSON when it was recorded as
 * JSON (or parses as JSON), {@code bytes} the raw body when known (NML, ZIP, text); {@code
 * bodyProblem} says why neither is available. {@code sanitized} marks recordings whose volatile
 * values were replaced by their key names; {@code bodyFile} names the file the body was read from,
 * when it was ({@code null} otherwise).
 */
public record RecordedExchange(
    String source,
    String method,
    String path,
    int status,
    String contentType,
    JsonNode json,
    byte[] bytes,
    String bodyProblem,
    boolean sanitized,
    String bodyFile) {

  /** {@code vN} for a path under /api/vN, else {@code unversioned}. */
  public String apiVersionLabel() {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^/api/v(\\d+)/").matcher(path);
    return m.find() ? "v" + m.group(1) : "unversioned";
  }

  /** The media type without parameters, lower case; empty when not recorded. */
  public String mediaType() {
    if (contentType == null) {
      return "";
    }
    String type = contentType.split(";", 2)[0].trim();
    int space = type.indexOf(' '); // recordings may annotate it: "application/zip (extracted)"
    return (space < 0 ? type : type.substring(0, space)).toLowerCase(java.util.Locale.ROOT);
  }
}
