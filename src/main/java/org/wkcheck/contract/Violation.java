package org.wkcheck.contract;

/**
 * One way a document departs from its schema: where (a JSON pointer into the document), which
 * schema rule ({@code keyword} at {@code schemaLocation}) and what is wrong. A notice reports an
 * undocumented extra field in strict mode; it is not a violation of the contract.
 */
public record Violation(
    String pointer, String keyword, String schemaLocation, String message, boolean notice) {

  @Override
  public String toString() {
    return (pointer.isEmpty() ? "/" : pointer)
        + ": "
        + message
        + " ("
        + keyword
        + " at "
        + schemaLocation
        + ")";
  }
}
