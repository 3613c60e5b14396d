package org.wkcheck.contract;

/**
 * An input the harness will not check: it breaks one of the bounds that keep a check of untrusted
 * input finite in time and memory (a size, a nesting depth, an entry count, a file outside the
 * recording's folder). The message names the bound. Refused input is neither conforming nor
 * violating: it was not checked.
 */
public final class InputRefused extends Exception {
  private static final long serialVersionUID = 1L;

  public InputRefused(String message) {
    super(message);
  }
}
