package org.wkcheck.server.http;

/**
 * A request that cannot be answered as asked. Becomes the documented error envelope {@code
 * {"messages":[{"error":"..."}]}} with the given status.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final Integer retryAfterSeconds;
  private final String allow;

  public ApiException(int status, String message) {
    this(status, message, null, null);
  }

  private ApiException(int status, String message, Integer retryAfterSeconds, String allow) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
    this.allow = allow;
  }

  public int status() {
    return status;
  }

  /** The seconds to send in a {@code Retry-After} header, or null for none. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /**
   * The methods to send in an {@code Allow} header, such as {@code GET, HEAD, OPTIONS}, or null.
   */
  public String allow() {
    return allow;
  }

  /** 503: the server cannot take the request now, but may in {@code retryAfterSeconds}. */
  public static ApiException unavailable(String message, int retryAfterSeconds) {
    return new ApiException(503, message, retryAfterSeconds, null);
  }

  /**
   * 405: the path names a resource, but not one of this method; {@code allow} lists the methods it
   * has, for the {@code Allow} header that RFC 9110 (section 15.5.6) requires on every 405.
   */
  public static ApiException methodNotAllowed(String method, String path, String allow) {
    return new ApiException(
        405,
        "Method " + method + " is not allowed on " + path + " (allowed: " + allow + ")",
        null,
        allow);
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
