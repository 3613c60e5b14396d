package org.wkcheck.server.http;

/**
 * A request that cannot be answered as asked. Becomes the documented error envelope {@code
 * {"messages":[{"error":"..."}]}} with the given status.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public ApiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
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
