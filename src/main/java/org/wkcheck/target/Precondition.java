package org.wkcheck.target;

/**
 * Something a check or a load run needs from the target that the target (or the run's settings)
 * cannot give, such as a role's token or objects of the world: not a failure of the target. The
 * conformance suite reports it as a skip with this message; a load run as a refused set-up.
 */
public class Precondition extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Precondition(String why) {
    super(why);
  }
}
