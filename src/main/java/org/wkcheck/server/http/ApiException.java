package org.wkcheck.server.http;

import java.util.Map;

/**
 * A request that cannot be answered as asked. Becomes the documented error envelope {@code
 * {"messages":[{"error":"..."}]}} with the given status.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final Map<String, String> headers;

  public ApiException(int status, String message) {
    this(status, message, Map.of());
  }

  private ApiException(int status, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.headers = headers;
  }

  public int status() {
    return status;
  }

  /**
   * The headers the answer carries besides the envelope, such as {@code Retry-After} or {@code
   * Allow}; most errors have none.
   */
  public Map<String, String> headers() {
    return headers;
  }

  /** 503: the server cannot take the request now, but may in {@code retryAfterSeconds}. */
  public static ApiException unavailable(String message, int retryAfterSeconds) {
    return new ApiException(
        503, message, Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
  }

  /**
   * 405: the path names a resource, but not one of this method; {@code allow} lists the methods it
   * has, for the {@code Allow} header that RFC 9110 (section 15.5.6) requires on every 405.
   */
  public static ApiException methodNotAllowed(String method, String path, String allow) {
    return new ApiException(
        405,
        "Method " + method + " is not allowed on " + path + " (allowed: " + allow + ")",
        Map.of("Allow", allow));
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }

  public static ApiException unauthorized() {
    return new ApiException(401, "You are not authorized to view this resource. Please log in.");
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, message);
  }
}
