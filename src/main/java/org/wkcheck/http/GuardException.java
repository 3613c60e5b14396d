package org.wkcheck.http;

import java.io.IOException;

/**
 * An exchange the guard stopped: the whole exchange took longer than its deadline, the answer was
 * larger than its bound, or a token would have gone to another origin. The message says which, with
 * the bound, in words a report can show as they are.
 */
public final class GuardException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why the exchange was stopped. */
  public enum Kind {
    DEADLINE,
    /** not sent: the target missed the deadline of its last exchanges (see {@link Guard}) */
    STALLED,
    TOO_LARGE,
    OTHER_ORIGIN
  }

  private final Kind kind;

  public GuardException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  static GuardException deadline(Limits limits) {
    return new GuardException(
        Kind.DEADLINE,
        "no complete answer within " + limits.timeoutText() + " (the --timeout of an exchange)");
  }

  static GuardException stalled(Limits limits, int stalls, long probeSeconds) {
    return new GuardException(
        Kind.STALLED,
        "no complete answer within "
            + limits.timeoutText()
            + ": not sent, the target stalled (its last "
            + stalls
            + " exchanges got no complete answer within the deadline); it is tried again every "
            + probeSeconds
            + " s");
  }

  static GuardException tooLarge(Limits limits, boolean decoded) {
    return new GuardException(
        Kind.TOO_LARGE,
        "the answer is larger than "
            + Sizes.size(limits.maxBody())
            + (decoded ? " once decoded" : "")
            + " (--max-body); the read stopped there");
  }

  /** The guard's reason among the causes of {@code e}, or null. */
  public static GuardException in(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof GuardException g) {
        return g;
      }
    }
    return null;
  }
}
