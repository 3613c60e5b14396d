package org.wkcheck.load.capacity;

/** How a step went. */
public enum Verdict {
  /** the target met every objective at the planned rate */
  PASS,
  /** the target did not: an objective, errors, correctness, or a growing queue */
  FAIL,
  /** the load generator could not send the planned rate: the step says nothing of the target */
  INVALID
}
