package org.wkcheck.load.baseline;

/** The baseline asked for cannot be compared with: missing, unreadable, or of another kind. */
public final class BaselineException extends Exception {
  private static final long serialVersionUID = 1L;

  public BaselineException(String message) {
    super(message);
  }
}
