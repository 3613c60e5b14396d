package org.wkcheck.nml;

/** A document that is not a readable NML; the message says what is wrong and where. */
public class NmlException extends Exception {
  private static final long serialVersionUID = 1L;

  public NmlException(String message) {
    super(message);
  }

  public NmlException(String message, Throwable cause) {
    super(message, cause);
  }
}
